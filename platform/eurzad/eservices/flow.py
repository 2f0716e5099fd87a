"""The resident's way through a form, page by page: which steps are shown (a step may
depend on earlier answers), where a step's answers come from in a POST, and the summary
of what was answered.

HTML forms send text: a field's answer is the POST value of its key; a repeating group's
rows are ``<group>.<row>.<field>`` with ``<group>.__rows`` saying how many rows there
are; a consent is ticked when its key is sent; a file field sends the tokens of the files
already attached (uploads are :mod:`eurzad.eservices.attachments`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import QueryDict
from django.utils.formats import number_format

from eurzad.eservices.answers import typed
from eurzad.eservices.definition import Definition, Field, Step
from eurzad.eservices.formulas import holds
from eurzad.eservices.language import localised

ROWS = "__rows"


def visible_steps(definition: Definition, answers: Mapping[str, Any]) -> list[Step]:
    values = typed(definition, answers)
    return [step for step in definition.steps if holds(step.show_when, values)]


def visible_fields(definition: Definition, step: Step, answers: Mapping[str, Any]) -> list[Field]:
    values = typed(definition, answers)
    return [spec for spec in step.fields if holds(spec.show_when, values)]


def rows_of(post: QueryDict, spec: Field) -> int:
    try:
        rows = int(post.get(f"{spec.key}.{ROWS}", "0"))
    except ValueError:
        rows = 0
    return max(0, min(rows, spec.max_items))


def _group_rows(post: QueryDict, spec: Field) -> list[dict[str, Any]]:
    rows = []
    for number in range(rows_of(post, spec)):
        row: dict[str, Any] = {}
        for inner in spec.fields:
            name = f"{spec.key}.{number}.{inner.key}"
            row[inner.key] = name in post if inner.kind == "consent" else post.get(name, "")
        rows.append(row)
    return rows


def step_answers(post: QueryDict, step: Step) -> dict[str, Any]:
    """The answers of ``step``'s fields as the page sent them (computed ones never)."""
    raw: dict[str, Any] = {}
    for spec in step.fields:
        if spec.kind == "computed":
            continue
        if spec.kind == "group":
            raw[spec.key] = _group_rows(post, spec)
        elif spec.kind == "consent":
            raw[spec.key] = spec.key in post
        elif spec.kind == "file":
            raw[spec.key] = post.getlist(spec.key)
        else:
            raw[spec.key] = post.get(spec.key, "")
    return raw


@dataclass(frozen=True)
class Answered:
    """One line of the summary: the question and the answer as a person reads it."""

    key: str
    label: str
    value: str
    rows: tuple[tuple[Answered, ...], ...] = ()


def shown_value(spec: Field, value: Any, file_names: Mapping[str, str]) -> str:
    """An answer as text for the summary and the PDF (a choice by its label, a consent
    as "tak", an amount with "zł")."""
    if value in (None, "", []):
        return "—"
    if spec.kind == "choice":
        return next(
            (localised(choice, "label") for choice in spec.choices if choice.value == value),
            value,
        )
    if spec.kind == "consent":
        return "tak" if value is True else "nie"
    if spec.kind == "file":
        return ", ".join(file_names.get(token, token) for token in value)
    if spec.kind == "computed" and spec.money:
        return f"{number_format(Decimal(value), 2, force_grouping=True)} zł"
    if spec.kind == "number" or spec.kind == "computed":
        try:
            return number_format(Decimal(str(value)), spec.decimals or None)
        except ArithmeticError:
            return str(value)
    return str(value)


def summary(
    definition: Definition, step: Step, answers: Mapping[str, Any], file_names: Mapping[str, str]
) -> list[Answered]:
    lines = []
    for spec in visible_fields(definition, step, answers):
        value = answers.get(spec.key)
        if spec.kind == "group":
            rows = tuple(
                tuple(
                    Answered(
                        inner.key,
                        localised(inner, "label"),
                        shown_value(inner, row.get(inner.key), {}),
                    )
                    for inner in spec.fields
                )
                for row in (value or [])
                if isinstance(row, Mapping)
            )
            lines.append(Answered(spec.key, localised(spec, "label"), str(len(rows)), rows))
        else:
            label = localised(spec, "label")
            lines.append(Answered(spec.key, label, shown_value(spec, value, file_names)))
    return lines
