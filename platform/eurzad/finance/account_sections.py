"""Finance's sections of Mój e-Urząd: obligations and installments, the balance by year
(rozliczenie), payments (registered from ``FinanceConfig.ready``). Their status is the
acting Party's."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import Section, SectionContext, register_section, static_section
from eurzad.core.request_memo import once_per_request
from eurzad.finance.money import ZERO, format_pln
from eurzad.finance.queries import AccountStatus, account_status


def _status(context: SectionContext) -> AccountStatus:
    """The acting Party's status, read once for both sections."""
    party = context.party
    if party is None:
        return AccountStatus(ZERO, None)
    return once_per_request(
        context.request, ("finance-status", party.pk), lambda: account_status(party)
    )


def _obligations(context: SectionContext) -> Section:
    overdue = _status(context).overdue
    return Section(
        _("Zobowiązania i raty"),
        reverse("finance:obligations"),
        _("Podatki i opłaty lokalne: raty, terminy, zaległości i rachunek do wpłat."),
        status=str(_("Zaległość: %(amount)s")) % {"amount": format_pln(overdue)}
        if overdue > ZERO
        else "",
    )


def _payments(context: SectionContext) -> Section:
    last_paid = _status(context).last_payment
    return Section(
        _("Wpłaty"),
        reverse("finance:payments"),
        _("Historia wpłat, ich rozliczenie i potwierdzenia do pobrania."),
        status=str(_("Ostatnia: %(date)s")) % {"date": last_paid.strftime("%d.%m.%Y")}
        if last_paid
        else "",
    )


def register_sections() -> None:
    register_section("obligations", 20, _obligations)
    register_section(
        "balances",
        25,
        static_section(
            _("Rozliczenie"),
            "finance:balances",
            _("Przypis, wpłaty, zaległości, odsetki i nadpłaty według lat, jak rozlicza je urząd."),
        ),
    )
    register_section("payments", 30, _payments)
