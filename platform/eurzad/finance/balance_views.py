"""Rozliczenie in Mój e-Urząd (/konto/rozliczenie/): the acting Party's account by year and
kind of obligation, as the town's tax system states it or as the portal works it out
(:mod:`eurzad.finance.balances`)."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from eurzad.core.account_area import render_account_page
from eurzad.finance.balances import account_balances
from eurzad.identity.acting import resident_required
from eurzad.identity.requests import ResidentRequest


@resident_required
@require_http_methods(["GET", "HEAD"])
def balances(request: ResidentRequest) -> HttpResponse:
    """Rozliczenie: a table per year, newest first, a row per kind, with the year's totals."""
    party = request.acting_party
    overview = account_balances(party) if party is not None else None
    return render_account_page(request, "finance/balances.html", {"overview": overview})
