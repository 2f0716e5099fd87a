"""The notifications finance sends: an installment falling due, or overdue."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eurzad.finance.debts import debts_on
from eurzad.finance.interest.models import Regime
from eurzad.finance.money import format_pln
from eurzad.finance.schedules import effective_due_date
from eurzad.notifications.kinds import Context, Kind, date_text, register


def _installment(context: Context) -> Context:
    installment = context["installment"]
    obligation = installment.obligation
    title = f"{obligation.kind.name} {obligation.year}"
    if obligation.document_number:
        title += f" ({obligation.document_number})"
    ends_on = effective_due_date(installment.due_date)
    due = date_text(installment.due_date)
    if ends_on != installment.due_date:
        due += " " + _("(dzień wolny: termin upływa %(day)s)") % {"day": date_text(ends_on)}
    on = context.get("on") or timezone.localdate()
    debt = debts_on([installment], on)[installment.pk]
    return {
        "number": str(installment.number),
        "obligation": title,
        "party": obligation.party.display_name,
        "due": due,
        "remaining": format_pln(installment.remaining),
        "interest": format_pln(debt.interest) if debt.interest else "",
        "interest_kind": str(obligation.kind.get_interest_regime_display()),
        "charges_interest": obligation.kind.interest_regime != Regime.NONE,
        "to_pay": format_pln(debt.total),
    }


def register_kinds() -> None:
    register(
        Kind(
            "installment_due",
            gettext_lazy("Zbliżający się termin raty"),
            gettext_lazy("Kilka dni przed terminem płatności raty podatku lub opłaty."),
            context_keys=("installment", "link", "on"),
            prepare=_installment,
            position=10,
        )
    )
    register(
        Kind(
            "installment_overdue",
            gettext_lazy("Niezapłacona rata po terminie"),
            gettext_lazy("Gdy rata nie została zapłacona w terminie."),
            context_keys=("installment", "link", "on"),
            prepare=_installment,
            position=20,
        )
    )
