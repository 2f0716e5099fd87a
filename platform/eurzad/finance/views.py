"""Moje zobowiązania and Wpłaty in Mój e-Urząd (/konto/zobowiazania/…, /konto/wplaty/…).

Thin views, each behind ``resident_required`` and each for the acting Party only: what
belongs to anyone else answers 404, exactly like what does not exist.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eurzad.core.account_area import render_account_page
from eurzad.core.private_files.delivery import private_download
from eurzad.core.query import PagedQuery, reads_query
from eurzad.finance.debts import debts_on
from eurzad.finance.filters import ObligationsQuery, PaymentDayQuery
from eurzad.finance.interest.models import Regime
from eurzad.finance.interest.rates import rates_for
from eurzad.finance.interest.table import rate_history, threshold_history
from eurzad.finance.money import to_grosze
from eurzad.finance.pdf import receipt_pdf
from eurzad.finance.qr import MAX_GROSZE
from eurzad.finance.queries import (
    obligation_of,
    obligation_overview,
    payable_installments,
    payment_of,
    payments_of,
    payments_settling,
    receipt_for,
    receipt_lines,
    transfer_qr,
    transfer_title,
)
from eurzad.finance.services import balance
from eurzad.identity.acting import acting_party_or_404, may_pay_for, resident_required
from eurzad.identity.requests import ResidentRequest
from eurzad.parties.models import Party
from themes.models import BrandingSettings

PAYMENTS_PER_PAGE = 25
PAGE_PARAMETER = "strona"
YEAR_PARAMETER = "rok"
PAYMENT_DAY_PARAMETER = "na_dzien"


def _cart_url() -> str:
    """The online payment cart, while that part is not installed: ""."""
    try:
        return reverse("payments:cart")
    except NoReverseMatch:
        return ""


def _recipient(request: HttpRequest) -> str:
    """The transfer recipient's name: the office, as the town's branding names it."""
    branding = BrandingSettings.for_request(request)
    tenant = getattr(request, "tenant", None)
    return branding.office_name or getattr(tenant, "official_name", "") or str(tenant or "")


def _payment_refusal(request: ResidentRequest, party: Party) -> str:
    """Why the resident cannot pay online for ``party`` here; "" when they can."""
    resident = request.resident
    if resident.is_demo:
        return _(
            "To konto demonstracyjne: płatność internetowa jest wyłączona, nic nie zostanie "
            "zapłacone naprawdę."
        )
    if not may_pay_for(resident, party, request):
        return _(
            "Twoje upoważnienie pozwala przeglądać zobowiązania tej osoby lub firmy, ale nie "
            "płacić za nie. Możesz zapłacić przelewem na podany rachunek."
        )
    if not _cart_url():
        return _(
            "Płatność internetowa nie jest jeszcze dostępna. Zapłać przelewem na podany rachunek."
        )
    return ""


@resident_required
@require_http_methods(["GET", "HEAD"])
@reads_query(ObligationsQuery)
def obligations(request: ResidentRequest) -> HttpResponse:
    """Moje zobowiązania: by year, newest first, with totals and arrears."""
    party = request.acting_party
    year = request.query.filters[YEAR_PARAMETER]
    overview = obligation_overview(party, year) if party else None
    if party and overview is not None and year is not None and year not in overview.years:
        year = None  # a year with nothing in it: show them all
        overview = obligation_overview(party)
    return render_account_page(
        request,
        "finance/obligations.html",
        {"overview": overview, "year": year, "year_parameter": YEAR_PARAMETER},
    )


@resident_required
@require_http_methods(["GET", "HEAD"])
@reads_query(PaymentDayQuery)
def obligation_detail(request: ResidentRequest, obligation_id: int) -> HttpResponse:
    """One obligation: components, installments with the interest due on them today,
    payments, the account and how to pay; ``?na_dzien=`` what paying on a later day takes."""
    party = acting_party_or_404(request)
    obligation = obligation_of(party, obligation_id)
    if obligation is None:
        raise Http404
    installments = list(obligation.installments.all())
    regimes = {obligation.pk: obligation.kind.interest_regime}
    debts = debts_on(installments, regimes=regimes)
    totals = balance(installments, obligation.payments.all(), debts)
    payable = payable_installments(obligation)
    refusal = _payment_refusal(request, party) if payable else ""
    recipient = _recipient(request)
    payment_day = request.query.filters[PAYMENT_DAY_PARAMETER]
    on_day = None
    if payment_day is not None:
        later = debts_on(installments, on=payment_day, regimes=regimes)
        on_day = {
            "day": payment_day,
            "rows": [(i, later[i.pk]) for i in installments if later[i.pk].total > 0],
            "total": balance(installments, debts=later).to_pay,
        }
    return render_account_page(
        request,
        "finance/obligation_detail.html",
        {
            "obligation": obligation,
            "balance": totals,
            "components": obligation.components.all(),
            "rows": [(i, debts[i.pk]) for i in installments],
            "installments": installments,
            "payments": payments_settling(obligation),
            "payable": [(i, debts[i.pk]) for i in payable],
            "cart_url": "" if refusal else _cart_url(),
            "refusal": refusal,
            "recipient": recipient,
            "qr": transfer_qr(obligation, totals.to_pay, recipient),
            "qr_too_large": to_grosze(totals.to_pay) > MAX_GROSZE,
            "transfer_title": transfer_title(obligation),
            "transfer_amount": totals.to_pay,
            "on_day": on_day,
            "payment_day_parameter": PAYMENT_DAY_PARAMETER,
            "today": timezone.localdate(),
            "tax_regime": obligation.kind.interest_regime == Regime.TAX,
            "threshold": rates_for(Regime.TAX).threshold_on(timezone.localdate()),
        },
    )


@resident_required
@require_http_methods(["GET", "HEAD"])
def interest_rates(request: ResidentRequest) -> HttpResponse:
    """The interest rates the portal charges, each with the announcement it comes from
    (the same tables, newest first, as the operators' console and the town's admin)."""
    today = timezone.localdate()
    return render_account_page(
        request,
        "finance/interest_rates.html",
        {
            "tax_rates": rate_history(Regime.TAX, today).rows,
            "civil_rates": rate_history(Regime.CIVIL, today).rows,
            "thresholds": threshold_history(today).rows,
        },
    )


@resident_required
@require_http_methods(["GET", "HEAD"])
@reads_query(PagedQuery)
def payments(request: ResidentRequest) -> HttpResponse:
    """Wpłaty: the acting Party's payments, newest first, what each settled."""
    party = request.acting_party
    page = None
    if party is not None:
        number = request.query.filters[PAGE_PARAMETER]
        page = Paginator(payments_of(party), PAYMENTS_PER_PAGE).get_page(number)
    return render_account_page(request, "finance/payments.html", {"page": page})


@resident_required
@require_http_methods(["GET", "HEAD"])
def payment_detail(request: ResidentRequest, payment_id: int) -> HttpResponse:
    """One payment as a page: the confirmation's content, and the PDF to download."""
    party = acting_party_or_404(request)
    payment = payment_of(party, payment_id)
    if payment is None:
        raise Http404
    return render_account_page(
        request,
        "finance/payment_detail.html",
        {"payment": payment, "lines": receipt_lines(payment), "party": party},
    )


@resident_required
@require_http_methods(["GET", "HEAD"])
def payment_receipt(request: ResidentRequest, payment_id: int) -> HttpResponse:
    """The payment confirmation as a PDF."""
    party = acting_party_or_404(request)
    payment = payment_of(party, payment_id)
    if payment is None:
        raise Http404
    branding = BrandingSettings.for_request(request)
    tenant = request.tenant
    receipt = receipt_for(
        party,
        payment,
        town=tenant.official_name or tenant.name,
        office_address=", ".join(
            part for part in (branding.office_name, branding.postal_address) if part
        ),
    )
    filename = f"potwierdzenie-wplaty-{payment.booked_on:%Y-%m-%d}-{payment.pk}.pdf"
    return private_download(receipt_pdf(receipt), filename, "application/pdf")
