"""The rate table as people read it (the operators' console and API, a town's admin):
each regime's rows newest first, what is in force on a day, what is announced ahead,
and the latest change — with the law each table comes from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eurzad.finance.interest.models import InterestRate, InterestThreshold, Regime

#: The regimes that have a table of rates (an obligation "without interest" has none).
RATE_REGIMES: tuple[str, ...] = (Regime.TAX.value, Regime.CIVIL.value)
THRESHOLD = "threshold"

TITLES: dict[str, Promise] = {
    Regime.TAX.value: _("Odsetki za zwłokę od zaległości podatkowych"),
    Regime.CIVIL.value: _("Odsetki ustawowe za opóźnienie"),
    THRESHOLD: _("Kwota, do której nie pobiera się odsetek za zwłokę"),
}
ABOUT: dict[str, Promise] = {
    Regime.TAX.value: _(
        "Ordynacja podatkowa, art. 56: 200% stopy kredytu lombardowego NBP powiększone "
        "o 2%, nie mniej niż 8%. Stawkę ogłasza Minister Finansów w obwieszczeniu "
        "w Monitorze Polskim; obowiązuje od dnia zmiany stopy przez NBP. Dotyczy podatków "
        "i opłaty za odpady."
    ),
    Regime.CIVIL.value: _(
        "Kodeks cywilny, art. 481 § 2: stopa referencyjna NBP powiększona o 5,5 punktu "
        "procentowego. Wysokość ogłasza Minister Sprawiedliwości w obwieszczeniu "
        "w Monitorze Polskim; obowiązuje od dnia zmiany stopy przez NBP. Dotyczy należności "
        "cywilnoprawnych (czynsze, użytkowanie wieczyste)."
    ),
    THRESHOLD: _(
        "Ordynacja podatkowa, art. 54 § 1 pkt 5: odsetek za zwłokę nie nalicza się, jeśli "
        "nie przekraczałyby trzykrotności opłaty pobieranej przez operatora wyznaczonego "
        "(Pocztę Polską) za traktowanie przesyłki listowej jako przesyłki poleconej."
    ),
}


@dataclass(frozen=True)
class History:
    """One table (a regime's rates, or the thresholds), newest first, read on ``today``."""

    key: str  # a regime, or THRESHOLD
    rows: Sequence[InterestRate] | Sequence[InterestThreshold]
    today: date

    @property
    def title(self) -> Promise:
        return TITLES[self.key]

    @property
    def about(self) -> Promise:
        return ABOUT[self.key]

    @property
    def is_threshold(self) -> bool:
        return self.key == THRESHOLD

    @property
    def latest(self) -> InterestRate | InterestThreshold | None:
        """The latest change: the row in force from the latest day (maybe still ahead)."""
        return self.rows[0] if self.rows else None

    @property
    def in_force(self) -> InterestRate | InterestThreshold | None:
        return next((row for row in self.rows if row.valid_from <= self.today), None)

    @property
    def upcoming(self) -> list[InterestRate | InterestThreshold]:
        """Announced and not in force yet, soonest first."""
        return sorted(
            (row for row in self.rows if row.valid_from > self.today),
            key=lambda row: row.valid_from,
        )


def rate_history(regime: str, today: date) -> History:
    rows = InterestRate.objects.filter(regime=regime).order_by("-valid_from")
    return History(regime, list(rows), today)


def threshold_history(today: date) -> History:
    return History(THRESHOLD, list(InterestThreshold.objects.order_by("-valid_from")), today)


def histories(today: date) -> list[History]:
    """Every table: tax arrears, statutory interest for delay, the threshold."""
    return [*(rate_history(regime, today) for regime in RATE_REGIMES), threshold_history(today)]


def replaced_by(
    row: InterestRate | InterestThreshold,
) -> InterestRate | InterestThreshold | None:
    """The row whose value holds on ``row``'s days once ``row`` is gone: the one in force
    the day before it (None: those days would have no rate, or no threshold)."""
    if isinstance(row, InterestRate):
        rates = InterestRate.objects.filter(regime=row.regime, valid_from__lt=row.valid_from)
        return rates.order_by("-valid_from").first()
    thresholds = InterestThreshold.objects.filter(valid_from__lt=row.valid_from)
    return thresholds.order_by("-valid_from").first()
