"""CSV files the portal hands out (budget downloads, exports for the town's systems) are
opened in spreadsheets: a text cell starting with ``=``, ``+``, ``-``, ``@`` or a control
character would run as a formula there (CSV injection). Such cells get a leading
apostrophe, which spreadsheets show as plain text; numbers, negative ones included, stay
as they are so the files can be imported back."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

DELIMITER = ";"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` itself, or for text that a spreadsheet would take as a formula, the text
    behind an apostrophe."""
    formula = isinstance(value, str) and value.startswith(_FORMULA_START)
    return "'" + value if formula and not _NUMBER.fullmatch(value) else value


class SafeCsvWriter:
    """``csv.writer`` with every cell made :func:`spreadsheet_safe`."""

    def __init__(self, stream: SupportsWrite[str], *, lineterminator: str = "\n") -> None:
        self._writer = csv.writer(stream, delimiter=DELIMITER, lineterminator=lineterminator)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([spreadsheet_safe(value) for value in row])
