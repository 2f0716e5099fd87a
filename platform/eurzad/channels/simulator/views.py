"""HTTP endpoints of the simulators, mounted on the platform host only with
SIMULATORS_ENABLED: ePUAP WS-Pull and WS-Doręczyciel (SOAP), e-Doręczenia (REST) and a page
on which an operator composes a signed form and puts it into a town's mailbox."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from stdnum.pl import nip as nip_number
from stdnum.pl import pesel as pesel_number

from eurzad.channels.contrib.edoreczenia.jws import (
    LIFETIME_SECONDS,
    TokenError,
    read_token,
    unverified_claims,
)
from eurzad.channels.documents import Attachment, Authorisation, ChannelKind
from eurzad.channels.simulator import delivery_service, mailboxes
from eurzad.channels.simulator.compose import (
    Letter,
    build_document,
    send_to_town,
    sign_as_profil_zaufany,
)
from eurzad.channels.simulator.pull_service import answer
from eurzad.channels.simulator.systems import edoreczenia_system
from eurzad.identity.simulator.people import PEOPLE
from tenants.models import Municipality

EDORECZENIA_API = "/symulator-edoreczenia/api/v1"

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


# ---------------------------------------------------------------- e-Doręczenia REST


def _problem(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"status": status, "detail": detail}, status=status)


def _authorised(request: HttpRequest, address: str) -> JsonResponse | None:
    """None when the bearer token is valid for this request and this mailbox."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return _problem(401, "Brak tokenu (no bearer token)")
    token = header.removeprefix("Bearer ").strip()
    try:
        claims = unverified_claims(token)
        if claims.get("iss") != address:
            return _problem(403, "Skrzynka należy do innego podmiotu (not your mailbox)")
        system = edoreczenia_system(address)
        if system is None:
            return _problem(404, "Nieznany adres (unknown e-Delivery address)")
        verified = read_token(
            token,
            certificate_pem=system.certificate,
            audience=request.build_absolute_uri(EDORECZENIA_API),
            method=request.method,
            url=request.build_absolute_uri(request.path),
        )
    except TokenError as error:
        return _problem(401, str(error))
    if not mailboxes.use_once(str(verified.get("jti", "")), LIFETIME_SECONDS * 2):
        return _problem(401, "Token użyto ponownie (token replayed)")
    return None


def _summary(message: mailboxes.Message) -> dict:
    return {
        "messageId": message.message_id,
        "subject": message.subject,
        "receivedAt": message.sent_at,
        "status": message.status,
    }


@csrf_exempt
@require_GET
def edoreczenia_messages(request: HttpRequest, address: str) -> JsonResponse:
    refused = _authorised(request, address)
    if refused:
        return refused
    waiting = mailboxes.waiting(ChannelKind.EDORECZENIA.value, address)
    return JsonResponse({"messages": [_summary(m) for m in waiting]})


@csrf_exempt
@require_GET
def edoreczenia_message(request: HttpRequest, address: str, message_id: str) -> JsonResponse:
    refused = _authorised(request, address)
    if refused:
        return refused
    message = mailboxes.get(message_id)
    if message is None or message.mailbox != address or message.channel != "edoreczenia":
        return _problem(404, "Nie ma takiej wiadomości (no such message)")
    return JsonResponse(
        _summary(message)
        | {
            "sender": {"address": message.sender_address, "name": message.sender_name},
            "recipient": {"address": message.mailbox, "name": message.recipient_name},
            "document": {
                "filename": message.filename,
                "contentType": message.content_type,
                "content": message.content_b64,
            },
            "attachments": [],
            "evidence": {"id": message.upo_id, "xml": message.upo_b64},
        }
    )


@csrf_exempt
@require_http_methods(["POST"])
def edoreczenia_received(request: HttpRequest, address: str, message_id: str) -> JsonResponse:
    refused = _authorised(request, address)
    if refused:
        return refused
    if not mailboxes.mark_received(ChannelKind.EDORECZENIA.value, address, message_id):
        return _problem(404, "Nie ma takiej wiadomości (no such message)")
    return JsonResponse({"messageId": message_id, "status": "RECEIVED"})


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
        self.fields["town"].choices = list(
            Municipality.objects.exclude(schema_name="public")
            .order_by("name")
            .values_list("schema_name", "official_name")
        )
        self.fields["person"].choices = [(p.pesel, f"{p.first_name} {p.last_name}") for p in PEOPLE]

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
        town = dict(self.fields["town"].choices)[data["town"]]
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
