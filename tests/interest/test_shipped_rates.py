"""The official rates the platform ships (data/*.csv): every row whole, with its source,
and the rates the statutory formulas give."""

from __future__ import annotations

import csv
from decimal import Decimal

from eurzad.finance.interest.rates import DATA


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def test_every_shipped_rate_is_whole_dated_once_and_sourced():
    rows = _rows("official_rates.csv")
    assert {row["regime"] for row in rows} == {"tax", "civil"}
    for row in rows:
        assert None not in row, row  # no field cut by an unquoted comma
        assert row["source_url"].startswith("https://"), row
        assert row["announcement"] and Decimal("0") < Decimal(row["rate"]) < Decimal("100")
    for regime in ("tax", "civil"):
        days = [row["valid_from"] for row in rows if row["regime"] == regime]
        assert days == sorted(days) and len(days) == len(set(days))


def test_the_tax_rate_is_twice_the_lombard_rate_plus_two_and_never_below_eight():
    for row in _rows("official_rates.csv"):
        if row["regime"] != "tax" or "lombard NBP" not in row["announcement"]:
            continue
        lombard = Decimal(
            row["announcement"].split("lombard NBP ")[1].split("%")[0].replace(",", ".")
        )
        assert Decimal(row["rate"]) == max(2 * lombard + 2, Decimal(8)), row


def test_statutory_interest_for_delay_is_the_reference_rate_plus_five_and_a_half():
    for row in _rows("official_rates.csv"):
        if row["regime"] != "civil":
            continue
        reference = Decimal(
            row["announcement"].split("stopa referencyjna NBP ")[1].split("%")[0].replace(",", ".")
        )
        assert Decimal(row["rate"]) == reference + Decimal("5.5"), row


def test_the_threshold_rows_are_whole_and_sourced():
    for row in _rows("official_thresholds.csv"):
        assert None not in row and row["source_url"].startswith("https://"), row
