"""Moje sprawy in Mój e-Urząd (/konto/sprawy/…).

Thin views, each behind ``resident_required`` and each for the acting Party only: a case
or document of anyone else answers 404, exactly like one that does not exist.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from eurzad.cases.queries import case_of, document_of, listed_cases
from eurzad.core.account_area import render_account_page
from eurzad.core.query import PagedQuery, reads_query, requested_page
from eurzad.identity.acting import resident_required
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
        },
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
