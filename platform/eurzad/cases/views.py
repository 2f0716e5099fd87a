"""Moje sprawy in Mój e-Urząd (/konto/sprawy/…).

Thin views, each behind ``resident_required`` and each for the acting Party only: a case
or document of anyone else answers 404, exactly like one that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eurzad.cases.models import Case
from eurzad.cases.queries import case_of, case_to_answer, document_of, listed_cases
from eurzad.cases.replies import ReplyRefused, awaits_reply
from eurzad.cases.reply_form import ReplyForm
from eurzad.cases.services import reply_to_office
from eurzad.core.account_area import render_account_page
from eurzad.core.query import PagedQuery, reads_query, requested_page
from eurzad.identity.acting import parties_of, refuse_in_demo, resident_required
from eurzad.identity.models import Representation
from eurzad.identity.requests import ResidentRequest

CASES_PER_PAGE = 25


@resident_required
@require_http_methods(["GET", "HEAD"])
@reads_query(PagedQuery)
def cases(request: ResidentRequest) -> HttpResponse:
    """Moje sprawy: open cases first, with the latest status and what is expected; in
    pages."""
    party = request.acting_party
    page = requested_page(request, listed_cases(party), CASES_PER_PAGE) if party else None
    return render_account_page(request, "cases/cases.html", {"page": page})


@resident_required
@require_http_methods(["GET", "HEAD"])
def case_detail(request: ResidentRequest, case_id: int) -> HttpResponse:
    """One case: its dates, officer, status history and letters both ways."""
    party = request.acting_party
    case = case_of(party, case_id) if party else None
    if case is None:
        raise Http404
    return render_account_page(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "history": list(case.status_changes.all()),
            "documents": list(case.documents.all()),
            "can_reply": awaits_reply(case) and _may_answer_for(request),
        },
    )


def _may_answer_for(request: ResidentRequest) -> bool:
    """Whether the resident may write to the office for the acting Party (their own, or
    by a mandate to file), from the mandates read once for the request."""
    party = request.acting_party
    scope = Representation.Scope.FILE
    return party is not None and any(
        each.pk == party.pk for each in parties_of(request, request.resident, scope)
    )


def _refusal(request: ResidentRequest, case: Case) -> str:
    """Why the resident cannot answer in ``case`` now; "" when they can."""
    if not awaits_reply(case):
        return _("Urząd nie czeka teraz na Twoją odpowiedź w tej sprawie.")
    if not _may_answer_for(request):
        return _(
            "Nie masz upoważnienia do wysyłania pism w imieniu tej osoby lub firmy – "
            "możesz tylko przeglądać jej sprawy."
        )
    return ""


@resident_required
@refuse_in_demo
@require_http_methods(["GET", "HEAD", "POST"])
def case_reply(request: ResidentRequest, case_id: int) -> HttpResponse:
    """Odpowiedz urzędowi: the text and files of a reply in a case the office waits on;
    a case it does not wait on (or a Party the resident may only view) says why."""
    party = request.acting_party
    case = case_to_answer(party, case_id) if party else None
    if party is None or case is None:
        raise Http404
    refusal = _refusal(request, case)
    back = reverse("cases:case", args=[case.pk])
    if refusal and request.method == "POST":
        messages.error(request, refusal)
        return redirect(back)
    form = ReplyForm(request.POST, request.FILES) if request.method == "POST" else ReplyForm()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reply_to_office(case, party, request.resident, data["text"], data["attachments"])
        except ReplyRefused as error:
            if error.field is None:
                messages.error(request, error.message)
                return redirect(back)
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Wysłaliśmy Twoją odpowiedź do urzędu. Znajdziesz ją w pismach sprawy."),
            )
            return redirect(f"{back}#documents-heading")
    return render_account_page(
        request,
        "cases/case_reply.html",
        {"case": case, "form": form, "refusal": refusal},
    )


@resident_required
@require_http_methods(["GET", "HEAD"])
def document_download(request: ResidentRequest, case_id: int, document_id: int) -> HttpResponse:
    """An older link to a letter's attachment: on to its one download path, which checks
    the reader again."""
    party = request.acting_party
    document = document_of(party, case_id, document_id) if party else None
    if document is None:
        raise Http404
    return redirect(document.attachment.url)
