"""The notifications online payments send: a payment the gateway confirmed, to the
payer, and to the person it was paid for when that is someone else."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from eurzad.finance.money import format_pln
from eurzad.notifications.kinds import Context, Kind, register


def _payment(context: Context) -> Context:
    intent = context["intent"]
    return {"amount": format_pln(intent.amount), "gateway": intent.get_gateway_display()}


def _paid_for(context: Context) -> Context:
    from eurzad.identity.represented import representative_name

    intent = context["intent"]
    return {**_payment(context), "representative": representative_name(intent.resident)}


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
    register(
        Kind(
            "paid_for",
            gettext_lazy("Wpłata w Twoim imieniu"),
            gettext_lazy("Gdy pełnomocnik zapłaci za Ciebie przez internet."),
            context_keys=("intent", "link"),
            prepare=_paid_for,
            position=31,
        )
    )
