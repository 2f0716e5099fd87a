"""HTTP endpoints of the simulators, mounted on the platform host only with
SIMULATORS_ENABLED: ePUAP WS-Pull and WS-Doręczyciel (SOAP) and a page on which an operator
composes a signed form and puts it into a town's mailbox (ePUAP or e-Doręczenia; the
e-Doręczenia API itself is in :mod:`eurzad.channels.simulator.ade.views`)."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from stdnum.pl import nip as nip_number
from stdnum.pl import pesel as pesel_number

from eurzad.channels.documents import Attachment, Authorisation, ChannelKind
from eurzad.channels.simulator import delivery_service
from eurzad.channels.simulator.compose import (
    Letter,
    build_document,
    send_to_town,
    sign_as_profil_zaufany,
)
from eurzad.channels.simulator.pull_service import answer
from eurzad.core.simulated_people import PEOPLE
from tenants.models import Municipality

# ---------------------------------------------------------------- ePUAP WS-Pull


@csrf_exempt
@require_POST
def pull(request: HttpRequest) -> HttpResponse:
    status, envelope = answer(request.body, request.headers.get("SOAPAction"))
    return HttpResponse(envelope, status=status, content_type="text/xml; charset=utf-8")


@csrf_exempt
@require_POST
def doreczyciel(request: HttpRequest) -> HttpResponse:
    status, envelope = delivery_service.answer(request.body, request.headers.get("SOAPAction"))
    return HttpResponse(envelope, status=status, content_type="text/xml; charset=utf-8")


# ---------------------------------------------------------------- compose page


class ComposeForm(forms.Form):
    """What an operator fills in to send a form as a test person."""

    town = forms.ChoiceField(label="Urząd (adresat)")
    channel = forms.ChoiceField(
        label="Kanał",
        choices=[
            (ChannelKind.EPUAP.value, "ePUAP"),
            (ChannelKind.EDORECZENIA.value, "e-Doręczenia"),
        ],
    )
    person = forms.ChoiceField(label="Nadawca (osoba testowa z Profilem Zaufanym)")
    form = forms.ChoiceField(
        label="Formularz",
        choices=[
            ("access-request", "Wniosek o rejestrację konta na platformie eUrząd"),
            ("general-letter", "Pismo ogólne do podmiotu publicznego"),
        ],
    )
    title = forms.CharField(
        label="Tytuł pisma (dla pisma ogólnego)", required=False, max_length=200
    )
    text = forms.CharField(label="Treść", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    email = forms.EmailField(label="E-mail nadawcy do odpowiedzi (opcjonalnie)", required=False)
    represented_id = forms.CharField(
        label="Upoważnienie: PESEL lub NIP osoby/firmy reprezentowanej (opcjonalnie)",
        required=False,
        max_length=13,
    )
    represented_name = forms.CharField(
        label="Upoważnienie: imię i nazwisko lub nazwa firmy", required=False, max_length=200
    )
    represented_scope = forms.ChoiceField(
        label="Upoważnienie: zakres",
        choices=[("view", "wgląd"), ("pay", "wgląd i płatności")],
        required=False,
    )
    represented_until = forms.DateField(
        label="Upoważnienie: ważne do (RRRR-MM-DD, opcjonalnie)", required=False
    )
    attachment = forms.FileField(label="Załącznik (opcjonalnie)", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        towns = list(
            Municipality.objects.exclude(schema_name="public")
            .order_by("name")
            .values_list("schema_name", "official_name")
        )
        self.town_names = dict(towns)
        cast(forms.ChoiceField, self.fields["town"]).choices = towns
        cast(forms.ChoiceField, self.fields["person"]).choices = [
            (p.pesel, f"{p.first_name} {p.last_name}") for p in PEOPLE
        ]

    def clean_represented_id(self) -> str:
        value = "".join(self.cleaned_data["represented_id"].split()).replace("-", "")
        if value and not (pesel_number.is_valid(value) or nip_number.is_valid(value)):
            raise forms.ValidationError(
                "Podaj poprawny PESEL albo NIP (give a valid PESEL or NIP)."
            )
        return value

    def letter(self) -> Letter:
        data = self.cleaned_data
        authorisations = []
        if data["represented_id"]:
            is_pesel = len(data["represented_id"]) == 11
            authorisations.append(
                Authorisation(
                    pesel=data["represented_id"] if is_pesel else "",
                    nip="" if is_pesel else data["represented_id"],
                    name=data["represented_name"],
                    scope=Authorisation.Scope(data["represented_scope"] or "view"),
                    valid_until=data["represented_until"],
                )
            )
        attachments = []
        upload = data.get("attachment")
        if upload:
            attachments.append(
                Attachment(
                    upload.name,
                    upload.content_type or "application/octet-stream",
                    upload.read(),
                )
            )
        town = self.town_names[data["town"]]
        return Letter(
            title=data["title"] or "Pismo",
            text=data["text"],
            recipient_name=town,
            authorisations=tuple(authorisations),
            attachments=tuple(attachments),
            access_request=data["form"] == "access-request",
            email=data["email"],
        )


@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest) -> HttpResponse:
    sent = None
    form = ComposeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        person = next(p for p in PEOPLE if p.pesel == form.cleaned_data["person"])
        letter = form.letter()
        document = sign_as_profil_zaufany(build_document(person, letter), person)
        sent = send_to_town(
            form.cleaned_data["town"],
            document,
            sender=person,
            subject=letter.title if not letter.access_request else "Wniosek o rejestrację konta",
            channel=ChannelKind(form.cleaned_data["channel"]),
        )
        form = ComposeForm()
    return render(
        request,
        "channels/simulator/compose.html",
        {"form": form, "sent": sent, "now": dt.datetime.now(dt.UTC)},
        status=400 if request.method == "POST" and sent is None else 200,
    )
