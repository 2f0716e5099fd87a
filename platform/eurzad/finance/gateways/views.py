"""The resident's online payment (/konto/platnosci/…): thin views over the services."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eurzad.core.account_area import render_account_page
from eurzad.core.client import client_ip
from eurzad.core.csp import allow_form_posts_to, origin
from eurzad.core.query import PagedQuery, reads_query, requested_page
from eurzad.finance.gateways import cart as carts
from eurzad.finance.gateways.models import PaymentIntent
from eurzad.finance.gateways.services import (
    PaymentRefused,
    cancel_payment,
    check_on_return,
    payer_origins,
    resume_url,
    start_payment,
)
from eurzad.finance.money import ZERO
from eurzad.identity.acting import acting_party_or_404, may_pay_for, parties_of, resident_required
from eurzad.identity.requests import ResidentRequest

REFRESH_SECONDS = 5
INTENTS_PER_PAGE = 25
logger = logging.getLogger(__name__)


def _intents(request: ResidentRequest) -> QuerySet[PaymentIntent]:
    """Intents the resident may see: their own, and those for Parties they act for."""
    parties = [party.pk for party in parties_of(request, request.resident)]
    return PaymentIntent.objects.filter(party_id__in=parties).select_related("party")


@resident_required
@require_http_methods(["GET", "HEAD", "POST"])
def cart(request: ResidentRequest) -> HttpResponse:
    """Koszyk. POST ``installment`` (repeatable) and optional ``amount-<id>`` adds the
    acting Party's installments (whole by default)."""
    party = acting_party_or_404(request)
    if request.method == "POST":
        try:
            ids = [int(value) for value in request.POST.getlist("installment")]
            amounts = {pk: carts.parse_amount(request.POST.get(f"amount-{pk}")) for pk in ids}
            added = carts.add_to_cart(request.session, party, ids, amounts)
        except ValueError:
            messages.error(request, _("Nieprawidłowy wybór raty."))
        except PaymentRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Dodano do koszyka: %(count)d.") % {"count": added})
        return redirect("payments:cart")
    lines = carts.cart_lines(request.session, party)
    total = sum((line.amount for line in lines if not line.in_payment), ZERO)
    unfinished = list({line.intent.pk: line.intent for line in lines if line.intent}.values())
    demo = request.resident.is_demo
    if total and not demo:
        # "Zapłać" posts here and is answered with a redirect to the gateway.
        allow_form_posts_to(request, *payer_origins())
    return render_account_page(
        request,
        "gateways/cart.html",
        {
            "lines": lines,
            "total": total,
            "acting": party,
            "demo": demo,
            "unfinished": [(intent, resume_url(intent)) for intent in unfinished],
        },
    )


@resident_required
@require_POST
def cart_remove(request: ResidentRequest, installment_id: int) -> HttpResponse:
    carts.remove_from_cart(request.session, acting_party_or_404(request), installment_id)
    messages.info(request, _("Usunięto ratę z koszyka."))
    return redirect("payments:cart")


@resident_required
@require_POST
def pay(request: ResidentRequest) -> HttpResponse:
    """Zapłać: start the payment of the cart and send the resident to the gateway."""
    party = acting_party_or_404(request)
    items = carts.cart_items(request.session, party)
    try:
        intent = start_payment(
            request.resident,
            party,
            items,
            site_url=f"{request.scheme}://{request.get_host()}",
            customer_ip=client_ip(request) or "",
        )
    except PaymentRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("payments:cart")
    carts.clear_cart(request.session, party, [item.installment_id for item in items])
    if origin(intent.redirect_url) not in payer_origins():
        # The cart page's policy would stop the browser at this redirect (form-action);
        # a link the resident follows is not a form, so it still leads to the gateway.
        logger.warning("Gateway sends payers to an unexpected host: %s", intent.redirect_url)
        return render_account_page(request, "gateways/continue.html", {"intent": intent})
    return redirect(intent.redirect_url)


@resident_required
@require_http_methods(["GET", "HEAD"])
def return_page(request: ResidentRequest, intent_id: int) -> HttpResponse:
    """Back from the gateway: shows the intent's state; never books anything itself."""
    intent = get_object_or_404(_intents(request), pk=intent_id)
    if not constant_time_compare(request.GET.get("t", ""), intent.return_token):
        raise Http404
    if intent.is_open:
        intent = check_on_return(intent.pk)
    return render_account_page(
        request,
        "gateways/return.html",
        {"intent": intent, "refresh": REFRESH_SECONDS if intent.is_open else 0},
    )


@resident_required
@require_http_methods(["GET", "HEAD"])
def intent_status(request: ResidentRequest, intent_id: int) -> HttpResponse:
    intent = get_object_or_404(_intents(request), pk=intent_id)
    items = intent.items.select_related("installment__obligation__kind")
    context = {"intent": intent, "items": items, "resume_url": resume_url(intent)}
    return render_account_page(request, "gateways/intent.html", context)


@resident_required
@require_POST
def cancel(request: ResidentRequest, intent_id: int) -> HttpResponse:
    """Anuluj płatność: give up an unfinished payment so its installments may be paid
    again (see cancel_payment); back to the cart."""
    intent = get_object_or_404(_intents(request), pk=intent_id)
    if not may_pay_for(request.resident, intent.party, request):
        raise Http404
    intent = cancel_payment(intent.pk)
    if intent.status == PaymentIntent.Status.ABANDONED:
        messages.success(request, _("Płatność anulowana. Raty możesz teraz zapłacić ponownie."))
    elif intent.status == PaymentIntent.Status.FAILED:
        messages.info(request, _("Bramka odrzuciła tę płatność. Raty możesz zapłacić ponownie."))
    elif intent.is_open:
        messages.warning(
            request,
            _(
                "Tej płatności nie można anulować: bramka przyjęła już wpłatę. Potwierdzenie "
                "pojawi się tu, gdy bramka je przekaże."
            ),
        )
    return redirect("payments:cart")


@resident_required
@require_http_methods(["GET", "HEAD"])
@reads_query(PagedQuery)
def payment_list(request: ResidentRequest) -> HttpResponse:
    """Płatności internetowe: the acting Party's, newest first, in pages."""
    intents = _intents(request).filter(party=request.acting_party).order_by("-created_at", "-pk")
    page = requested_page(request, intents, INTENTS_PER_PAGE)
    return render_account_page(request, "gateways/list.html", {"page": page})
