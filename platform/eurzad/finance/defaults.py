"""The kinds of obligations and installment schedules every town starts with; the office
changes them in the admin (the waste fee's schedule is the council's decision)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from eurzad.core.staff_groups import grant, managing
from eurzad.finance.interest.models import Regime
from eurzad.finance.models import ObligationKind, ScheduleRule

TAX_DATES = ["03-15", "05-15", "09-15", "11-15"]
#: Civil-law receivables: statutory interest for delay (Kodeks cywilny art. 481). The
#: taxes and the waste fee (art. 6q of the act on cleanliness in municipalities) are
#: charged interest on tax arrears.
CIVIL_LAW = {"uzytkowanie-wieczyste", "dzierzawa", "inne"}
# (code, name, is_tax, natural persons' rule, legal persons' rule)
KINDS = [
    ("podatek-od-nieruchomosci", "Podatek od nieruchomości", True, "tax", "monthly"),
    ("podatek-rolny", "Podatek rolny", True, "tax", "monthly"),
    ("podatek-lesny", "Podatek leśny", True, "tax", "monthly"),
    ("podatek-od-srodkow-transportowych", "Podatek od środków transportowych", True,
     "transport", "transport"),
    ("oplata-odpady", "Opłata za gospodarowanie odpadami komunalnymi", False, "quarterly",
     "quarterly"),
    ("uzytkowanie-wieczyste", "Opłata za użytkowanie wieczyste", False, "march", "march"),
    ("dzierzawa", "Czynsz dzierżawny", False, "quarterly", "quarterly"),
    ("inne", "Inne należności", False, "march", "march"),
]  # fmt: skip
RULES: dict[str, dict[str, Any]] = {
    # Natural persons: four installments; a yearly total up to 100 zł at once by 15 March.
    "tax": {"due_dates": TAX_DATES, "one_off_threshold": Decimal("100.00")},
    # Legal persons: monthly by the 15th, January by the 31st.
    "monthly": {"frequency": ScheduleRule.Frequency.MONTHLY, "monthly_day": 15,
                "january_day": 31},
    # Transport tax: two installments, 15 February and 15 September.
    "transport": {"due_dates": ["02-15", "09-15"]},
    "quarterly": {"due_dates": ["03-15", "05-15", "09-15", "11-15"]},
    "march": {"due_dates": ["03-31"]},
}  # fmt: skip


def ensure_default_kinds() -> None:
    """Create the standard kinds and schedules once; never overwrite the office's edits."""
    for order, (code, name, is_tax, natural, legal) in enumerate(KINDS):
        kind, created = ObligationKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "is_tax": is_tax,
                "order": order,
                "interest_regime": Regime.TAX if code not in CIVIL_LAW else Regime.CIVIL,
            },
        )
        if not created:
            continue
        for party_kind, rule in (("natural", natural), ("legal", legal)):
            ScheduleRule.objects.create(kind=kind, party_kind=party_kind, **RULES[rule])


FINANCE_GROUP = "Finanse"
FINANCE_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "finance": [*managing("obligationkind", "schedulerule"), "change_financesettings"],
    # The town's own payment-gateway contract (merchant id, keys, fee).
    "gateways": ["view_gatewayconfig", "change_gatewayconfig"],
}


def set_up_finance_group() -> None:
    """The town's "Finanse" staff group: kinds of obligations, their installment schedules
    and the reminder settings (in the town's schema); safe to run again."""
    grant(FINANCE_GROUP, FINANCE_PERMISSIONS)
