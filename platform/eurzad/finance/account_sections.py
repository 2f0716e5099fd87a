"""Finance's sections of Mój e-Urząd: obligations and installments, payments (registered
from ``FinanceConfig.ready``). Their status is the acting Party's."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import Section, SectionContext, register_section
from eurzad.finance.money import ZERO, format_pln
from eurzad.finance.queries import last_payment_date, overdue_amount


def _obligations(context: SectionContext) -> Section:
    overdue = overdue_amount(context.party) if context.party else ZERO
    return Section(
        _("Zobowiązania i raty"),
        reverse("finance:obligations"),
        _("Podatki i opłaty lokalne: raty, terminy, zaległości i rachunek do wpłat."),
        status=str(_("Zaległość: %(amount)s")) % {"amount": format_pln(overdue)}
        if overdue > ZERO
        else "",
    )


def _payments(context: SectionContext) -> Section:
    last_paid = last_payment_date(context.party) if context.party else None
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
    register_section("payments", 30, _payments)
