"""The simulated PayU's pages for people: the payer's page at ``redirectUri``, where the
tester decides what the payer does and which digest signs the notifications, and the
page that sends held-back or refused notifications again."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.views.decorators.http import require_http_methods

from eurzad.core.csp import allow_form_posts_to
from eurzad.finance.gateways.simulator.payer import CHOICES, PAID
from eurzad.finance.gateways.simulator.payu import delivery, state

# PayU's choice besides the common ones: auto-receive switched off in the POS.
PAYU_CHOICES = [*CHOICES, ("waiting", "Zapłać, odbiór wyłączony (czeka na potwierdzenie sklepu)")]
# The header's ``algorithm``: MD5 as documented; the others as openpayu_php spells them.
ALGORITHMS = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"]
# The statuses each choice takes the order through, each one notified.
STATUSES = {
    "pay": ("PENDING", "COMPLETED"),
    "delayed": ("PENDING", "COMPLETED"),
    "duplicated": ("PENDING", "COMPLETED"),
    "refuse": ("PENDING", "CANCELED"),
    "waiting": ("PENDING", "WAITING_FOR_CONFIRMATION"),
    "back": (),
}
TEMPLATE = "gateways/simulator/payu/payment.html"


def _order(request: HttpRequest) -> state.Order | None:
    order = state.get(request.GET.get("orderId", ""))
    if order is None or not constant_time_compare(request.GET.get("token", ""), order.page_token):
        return None
    return order


def _play(order: state.Order, choice: str) -> None:
    """Take the order through the choice's statuses, notifying each (or holding them)."""
    if choice in PAID or choice == "waiting":
        order.payment_id = str(5_000_000 + state.store.next_number("payment-id"))
    for status in STATUSES[choice]:
        order.status = status
        state.put(order)
        if choice == "delayed":
            state.queue(order.order_id, status)
            continue
        for _time in range(2 if choice == "duplicated" else 1):
            delivery.deliver(order.order_id, status)
        order = state.get(order.order_id) or order


def _continue_url(order: state.Order, choice: str) -> str:
    if choice != "refuse":
        return order.continue_url
    # PayU appends error=501 to continueUrl after a failed payment.
    separator = "&" if "?" in order.continue_url else "?"
    return f"{order.continue_url}{separator}{urlencode({'error': '501'})}"


@require_http_methods(["GET", "HEAD", "POST"])
def payment_page(request: HttpRequest) -> HttpResponse:
    order = _order(request)
    if order is None:
        return render(request, "gateways/simulator/payu/unknown.html", status=404)
    if order.continue_url:
        # The payer's choice is answered with a redirect back to the town.
        allow_form_posts_to(request, order.continue_url)
    context = {
        "order": order,
        "choices": PAYU_CHOICES,
        "algorithms": ALGORITHMS,
        "amount": f"{order.total_amount / 100:.2f}".replace(".", ","),
    }
    if request.method == "POST" and order.status == "NEW":
        choice = request.POST.get("choice", "")
        algorithm = request.POST.get("algorithm", "MD5")
        if choice not in STATUSES or algorithm not in ALGORITHMS:
            return render(request, TEMPLATE, {**context, "error": True}, status=400)
        order.algorithm = algorithm
        _play(order, choice)
        if order.continue_url:
            return redirect(_continue_url(order, choice))
        return redirect(request.get_full_path())
    return render(request, TEMPLATE, context)


@require_http_methods(["GET", "HEAD", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """Held-back and refused notifications, and a button that sends them all now (as
    PayU's repeats would)."""
    sent = delivery.deliver_pending() if request.method == "POST" else None
    return render(
        request,
        "gateways/simulator/payu/notifications.html",
        {"pending": state.pending(), "sent": sent},
    )
