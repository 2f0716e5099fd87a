"""The portal side of the access request: after login.gov.pl confirmed who the person is,
they file a Wniosek o dostęp (or see the one they filed)."""

from __future__ import annotations

import time
from datetime import date

from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from eurzad.identity.access_requests import (
    Applicant,
    Authorisation,
    Contact,
    file_access_request,
    open_request_for,
)
from eurzad.identity.assertions import VerifiedIdentity
from eurzad.identity.forms import AuthorisationFormSet, ContactForm
from eurzad.identity.models import AccessRequest

APPLICANT_KEY = "eurzad.identity.verified_applicant"
APPLICANT_TTL = 30 * 60  # the login.gov.pl confirmation counts for half an hour
FILED_KEY = "eurzad.identity.filed_request"


def remember_applicant(request: HttpRequest, identity: VerifiedIdentity) -> None:
    request.session[APPLICANT_KEY] = {
        "pesel": identity.pesel,
        "first_name": identity.first_name,
        "last_name": identity.last_name,
        "date_of_birth": identity.date_of_birth.isoformat() if identity.date_of_birth else "",
        "at": time.time(),
    }


def _applicant(request: HttpRequest) -> Applicant | None:
    stored = request.session.get(APPLICANT_KEY)
    if not stored or time.time() - stored["at"] > APPLICANT_TTL:
        request.session.pop(APPLICANT_KEY, None)
        return None
    return Applicant(
        first_name=stored["first_name"],
        last_name=stored["last_name"],
        pesel=stored["pesel"],
        date_of_birth=date.fromisoformat(stored["date_of_birth"])
        if stored["date_of_birth"]
        else None,
        verified_by="login.gov.pl",
    )


def _authorisations(formset: BaseFormSet) -> list[Authorisation]:
    wanted = []
    for form in formset:
        if not form.has_changed() or not form.cleaned_data:
            continue
        data = form.cleaned_data
        document = data.get("document")
        wanted.append(
            Authorisation(
                kind=data["kind"],
                name=data["name"],
                pesel=data["pesel"],
                nip=data["nip"],
                scope=data["scope"],
                valid_until=data.get("valid_until"),
                document_name=document.name if document else "",
                document=document.read() if document else None,
            )
        )
    return wanted


def access_request_form(request: HttpRequest) -> HttpResponse:
    """GET/POST /logowanie/wniosek/: the Wniosek o dostęp, for a person login.gov.pl
    has just confirmed."""
    applicant = _applicant(request)
    if applicant is None:
        return render(request, "identity/access_request_expired.html", status=403)
    pending = open_request_for(applicant.pesel)
    if pending is not None:
        return render(request, "identity/access_request_pending.html", {"pending": pending})
    contact_form = ContactForm(request.POST or None, prefix="contact")
    formset = AuthorisationFormSet(request.POST or None, request.FILES or None, prefix="upow")
    if request.method == "POST" and contact_form.is_valid() and formset.is_valid():
        contact = Contact(**contact_form.cleaned_data, authorisations=_authorisations(formset))
        filed = file_access_request(applicant, contact, channel=AccessRequest.Channel.PORTAL)
        request.session.pop(APPLICANT_KEY, None)
        request.session[FILED_KEY] = filed.pk
        return redirect("access-request-filed")
    return render(
        request,
        "identity/access_request_form.html",
        {"applicant": applicant, "contact_form": contact_form, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


def access_request_filed(request: HttpRequest) -> HttpResponse:
    """The receipt: the request's number and the date the office will answer by."""
    filed_id = request.session.get(FILED_KEY)
    filed = AccessRequest.objects.filter(pk=filed_id).first() if filed_id is not None else None
    if filed is None:
        return redirect("login")
    return render(request, "identity/access_request_filed.html", {"filed": filed})
