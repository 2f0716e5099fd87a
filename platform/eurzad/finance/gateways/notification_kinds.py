"""The notification online payments send: a payment the gateway confirmed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from eurzad.finance.money import format_pln
from eurzad.notifications.kinds import Context, Kind, register


def _payment(context: Context) -> Context:
    intent = context["intent"]
    return {"amount": format_pln(intent.amount), "gateway": intent.get_gateway_display()}


def register_kinds() -> None:
    register(
        Kind(
            "payment_confirmed",
            gettext_lazy("Potwierdzenie wpłaty"),
            gettext_lazy("Gdy bramka płatności potwierdzi Twoją wpłatę przez internet."),
            context_keys=("intent", "link"),
            prepare=_payment,
            position=30,
        )
    )
