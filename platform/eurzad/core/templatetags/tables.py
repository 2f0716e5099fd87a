"""``{% load tables %}``: the one shape of a data table on the resident pages.

::

    {% columns _("Rata") _("Kwota")|numeric _("Działania")|visually_hidden as columns %}
    {% table _("Raty i terminy płatności") columns class="money-table" %}
      {% for installment in installments %}<tr><th scope="row">…</th>…</tr>{% endfor %}
    {% tablefoot %}
      <tr><th scope="row">…</th>…</tr>
    {% endtable %}

The page writes only its rows; ``core/includes/table.html`` draws the rest the same way
everywhere: the caption (with "strona 2 z 5" when given a paginated ``page``), a header
cell with ``scope="col"`` per column, and the wrapper that lets a wide table scroll
sideways on a phone instead of widening the page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token, token_kwargs
from django.template.context import Context
from django.template.engine import Engine
from django.utils.safestring import SafeString
from django.utils.text import smart_split

register = template.Library()

INCLUDE = "core/includes/table.html"
OPTIONS = {"class", "page", "scrolls"}


@dataclass(frozen=True)
class Column:
    """A column heading: right-aligned over amounts (``numeric``), or read out by screen
    readers only (``hidden``, e.g. over a column of buttons)."""

    label: str
    numeric: bool = False
    hidden: bool = False


def _column(label: str | Column) -> Column:
    return label if isinstance(label, Column) else Column(str(label))


@register.filter
def numeric(label: str | Column) -> Column:
    return replace(_column(label), numeric=True)


@register.filter
def visually_hidden(label: str | Column) -> Column:
    return replace(_column(label), hidden=True)


class ColumnsNode(template.Node):
    def __init__(self, labels: list[FilterExpression], name: str) -> None:
        self.labels, self.name = labels, name

    def render(self, context: Context) -> str:
        context[self.name] = [_column(label.resolve(context)) for label in self.labels]
        return ""


def _bits(token: Token) -> list[str]:
    # Not token.split_contents(): it reads ``_("Kwota")|numeric`` as an unfinished
    # translated string and runs past the end of the tag.
    return list(smart_split(token.contents))


@register.tag
def columns(parser: Parser, token: Token) -> ColumnsNode:
    """``{% columns _("Rata") _("Kwota")|numeric as columns %}``"""
    bits = _bits(token)
    if len(bits) < 4 or bits[-2] != "as":
        raise template.TemplateSyntaxError(f"{bits[0]} takes labels, then 'as' and a name")
    return ColumnsNode([parser.compile_filter(bit) for bit in bits[1:-2]], bits[-1])


class TableNode(template.Node):
    def __init__(
        self,
        caption: FilterExpression,
        columns: FilterExpression,
        options: dict[str, FilterExpression],
        rows: NodeList,
        foot: NodeList | None,
    ) -> None:
        self.caption, self.columns, self.options = caption, columns, options
        self.rows, self.foot = rows, foot

    def render(self, context: Context) -> SafeString:
        options = {name: value.resolve(context) for name, value in self.options.items()}
        values: dict[str, Any] = {
            "caption": self.caption.resolve(context),
            "columns": self.columns.resolve(context),
            "table_class": options.get("class", ""),
            "page": options.get("page"),
            # Wide enough to scroll sideways on a desktop column too: its wrapper is a
            # named region reachable by keyboard (WCAG 2.1.1, axe scrollable-region).
            "scrolls": bool(options.get("scrolls")),
            "rows": self.rows.render(context),
            "foot": self.foot.render(context) if self.foot is not None else "",
        }
        engine = context.template.engine if context.template else Engine.get_default()
        include = engine.get_template(INCLUDE)
        return include.render(context.new(values))


@register.tag
def table(parser: Parser, token: Token) -> TableNode:
    """``{% table caption columns [class="…"] [page=page] [scrolls=True] %}`` rows
    ``[{% tablefoot %} rows] {% endtable %}``"""
    bits = _bits(token)
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a caption and the columns")
    caption, columns = parser.compile_filter(bits[1]), parser.compile_filter(bits[2])
    options = token_kwargs(bits[3:], parser)
    if len(options) != len(bits) - 3 or not set(options) <= OPTIONS:
        raise template.TemplateSyntaxError(f"{bits[0]} takes only {', '.join(sorted(OPTIONS))}=…")
    rows = parser.parse(("tablefoot", "endtable"))
    foot = None
    if parser.next_token().contents == "tablefoot":
        foot = parser.parse(("endtable",))
        parser.delete_first_token()
    return TableNode(caption, columns, options, rows, foot)
