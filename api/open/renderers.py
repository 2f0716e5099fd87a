"""CSV of the open data: ``;``-separated UTF-8 (with a byte order mark, so spreadsheets
read Polish letters right), a header row, and every cell made safe against formulas by
:class:`eurzad.core.csv_export.SafeCsvWriter`.

A list is written row by row from a database iterator: the views hand the renderer a
:class:`CsvTable` and answer with :meth:`CSVRenderer.stream`, so a file of any length
never sits in memory whole."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rest_framework.renderers import BaseRenderer

from eurzad.core.csv_export import SafeCsvWriter

BOM = "\ufeff"


@dataclass
class CsvTable:
    """A header and the rows under it (rows may be a lazy iterator)."""

    header: Sequence[str]
    rows: Iterable[Sequence[Any]]


class _Line:
    """A file-like object keeping only what was written since the last read."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, text: str) -> None:
        self._parts.append(text)

    def take(self) -> str:
        text = "".join(self._parts)
        self._parts.clear()
        return text


def csv_cell(value: Any) -> Any:
    """A value as one CSV cell: lists joined with `` | ``, booleans as tak/nie, no value
    as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, list | tuple):
        return " | ".join(str(csv_cell(item)) for item in value)
    if isinstance(value, Mapping):
        return " | ".join(f"{key}: {csv_cell(item)}" for key, item in value.items())
    return value


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def stream(self, table: CsvTable) -> Iterator[bytes]:
        """The table as encoded lines, one row at a time."""
        line = _Line()
        writer = SafeCsvWriter(line, lineterminator="\r\n")
        writer.writerow(table.header)
        yield (BOM + line.take()).encode(self.charset)
        for row in table.rows:
            writer.writerow([csv_cell(value) for value in row])
            yield line.take().encode(self.charset)

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        """A table, or a single object (a mapping) as a header and one row."""
        if isinstance(data, Mapping):
            data = CsvTable(list(data), [list(data.values())])
        if not isinstance(data, CsvTable):
            data = CsvTable(["value"], [[item] for item in data or []])
        return b"".join(self.stream(data))
