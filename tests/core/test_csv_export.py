"""Cells the portal's CSV files hand out never run as spreadsheet formulas, and numbers
(negative ones included) stay numbers so the files import back."""

from __future__ import annotations

import io
from decimal import Decimal

from eurzad.core.csv_export import SafeCsvWriter, spreadsheet_safe


def test_text_that_looks_like_a_formula_is_defused():
    for text in ('=HYPERLINK("http://x")', "+1+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_safe(text) == "'" + text


def test_numbers_and_plain_text_are_left_alone():
    for value in ("-12.50", "-12,50", "+3", "100", "Drogi gminne", "", Decimal("-1.00"), 7):
        assert spreadsheet_safe(value) == value


def test_the_writer_defuses_every_cell():
    stream = io.StringIO()
    writer = SafeCsvWriter(stream)
    writer.writerow(["=1+1", Decimal("-5.00"), "opis"])
    assert stream.getvalue() == "'=1+1;-5.00;opis\n"
