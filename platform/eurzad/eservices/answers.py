"""A resident's answers checked against the form version they fill in.

Three passes, each with one job:

1. :func:`normalise` turns what was typed (a browser sends text: ``"12,5"``, a date as
   ``RRRR-MM-DD``, a PESEL with spaces) into the answers document, the JSON that is the
   submission's machine-readable copy.
2. The document is validated against the version's JSON Schema
   (:mod:`eurzad.eservices.schema`, with the ``jsonschema`` library): the types, the
   answers a choice allows, lengths and ranges, the identifiers' check digits, and no key
   the form does not have.
3. The form's own rules: a field or step shown only when a condition holds is required
   only then (and its answer dropped when hidden), and computed values are calculated
   here, never taken from the client.

Errors are by field path (``osoby``, ``wspolwlasciciele.1.pesel``), in Polish, with the
field's label; nothing is lost: the answers come back with them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from eurzad.eservices.definition import Definition, Field, Step
from eurzad.eservices.formulas import evaluate, holds
from eurzad.eservices.schema import FORMATS, schema_of
from eurzad.parties import identifiers

FORM = "__all__"  # the path of an error of the whole form


@dataclass
class Checked:
    """The answers as kept (normalised, hidden ones dropped, computed ones added), and
    the errors by field path (empty: the answers may be submitted)."""

    answers: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


# Control characters other than tab and line breaks: no XML 1.0 document can carry them,
# and the application's XML copy must carry every answer (eurzad.eservices.documents).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value: Any) -> str:
    text = value.strip() if isinstance(value, str) else "" if value is None else str(value)
    return CONTROL.sub("", text)


def _normalise_value(spec: Field, value: Any) -> Any:
    """What is kept of one answer; a value that cannot be read is kept as typed, for the
    schema to refuse with the field's message."""
    if spec.kind == "group":
        if not isinstance(value, list):
            return value
        return [
            {inner.key: _normalise_value(inner, entry.get(inner.key)) for inner in spec.fields
             if _answered(entry.get(inner.key))}
            if isinstance(entry, Mapping) else entry
            for entry in value
        ]  # fmt: skip
    if spec.kind == "file":
        return [str(item) for item in value] if isinstance(value, list) else value
    if spec.kind == "consent":
        return value in (True, "true", "on", "1", "tak", 1)
    if spec.kind == "choice":
        return _text(value)
    if spec.kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = _text(value)
    if spec.kind == "number":
        try:
            number = Decimal(text.replace(" ", "").replace(",", "."))
        except InvalidOperation:
            return text
        return int(number) if number == number.to_integral_value() else float(number)
    if spec.kind == "identifier":
        normalise = {
            "pesel": identifiers.normalise_pesel,
            "nip": identifiers.normalise_nip,
            "nrb": identifiers.normalise_nrb,
        }.get(spec.identifier)
        return normalise(text) if normalise and text else text
    return text


def normalise(definition: Definition, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The answers document of ``raw`` (empty answers left out; keys the form does not
    have kept, for the schema to refuse)."""
    specs = {spec.key: spec for spec in definition.fields()}
    answers: dict[str, Any] = {}
    for key, value in raw.items():
        spec = specs.get(key)
        kept = _normalise_value(spec, value) if spec else value
        if _answered(kept):
            answers[key] = kept
    return answers


def _answered(value: Any) -> bool:
    """Whether something was answered (0 was; an unticked box was not)."""
    return value is not None and value is not False and value not in ("", [])


def _label(definition: Definition, path: list[Any]) -> str:
    spec = definition.field(str(path[0])) if path else None
    if spec and len(path) > 2:
        inner = next((each for each in spec.fields if each.key == path[2]), None)
        return inner.label if inner else spec.label
    return spec.label if spec else ""


def _message(error: Any, label: str) -> str:
    keyword = error.validator
    if keyword == "additionalProperties":
        return _("Formularz nie ma pola, które przesłano – odśwież stronę i wypełnij go ponownie.")
    if keyword == "format":
        return f"„{label}”: {FORMATS[error.validator_value].message}"
    if keyword == "enum":
        return _("„%(label)s”: wybierz jedną z podanych odpowiedzi.") % {"label": label}
    if keyword in ("maxLength",):
        return _("„%(label)s”: tekst jest za długi.") % {"label": label}
    if keyword in ("minimum", "maximum"):
        return _("„%(label)s”: podaj liczbę od %(minimum)s do %(maximum)s.") % {
            "label": label,
            "minimum": error.schema.get("minimum", "—"),
            "maximum": error.schema.get("maximum", "—"),
        }
    if keyword == "type" and error.validator_value in ("integer", "number"):
        if error.validator_value == "integer" and isinstance(error.instance, float):
            return _("„%(label)s”: podaj liczbę całkowitą.") % {"label": label}
        return _("„%(label)s”: podaj liczbę.") % {"label": label}
    if keyword in ("minItems", "maxItems"):
        return _("„%(label)s”: liczba pozycji poza dozwolonym zakresem.") % {"label": label}
    return _("„%(label)s”: nieprawidłowa wartość.") % {"label": label}


def _path(error: Any) -> str:
    return ".".join(str(part) for part in error.absolute_path) or FORM


def _visible(spec: Field | Step, values: Mapping[str, Any]) -> bool:
    return holds(spec.show_when, values)


def _required(spec: Field, values: Mapping[str, Any]) -> bool:
    if spec.required_when is not None:
        return holds(spec.required_when, values)
    return spec.required


def _missing(spec: Field, value: Any) -> bool:
    if spec.kind == "consent":
        return value is not True
    return not _answered(value)


def given(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers a resident gave: a filed application's computed values left out (they
    are computed again, never taken as given)."""
    computed = {spec.key for spec in definition.fields() if spec.kind == "computed"}
    return {key: value for key, value in answers.items() if key not in computed}


def typed(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers as formulas read them: numbers as Decimal, dates as date, constants in."""
    values: dict[str, Any] = dict(definition.constants)
    for spec in definition.fields():
        value = answers.get(spec.key)
        if spec.kind == "number":
            is_number = isinstance(value, int | float) and not isinstance(value, bool)
            value = Decimal(str(value)) if is_number else None
        elif spec.kind == "date" and isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                value = None
        values[spec.key] = value
    return values


def _computed(definition: Definition, answers: dict[str, Any]) -> None:
    """Computed fields, in the order of the form (one may use an earlier one)."""
    for spec in definition.fields():
        if spec.kind != "computed" or spec.formula is None:
            continue
        answers[spec.key] = _kept(spec, evaluate(spec.formula, typed(definition, answers)))


def _kept(spec: Field, value: Any) -> Any:
    """A computed value as the answers document keeps it: an amount in złoty as
    ``"120.00"`` (never below zero), another number as plain digits (``"10"``,
    ``"2.5"``), a condition as true/false, a text as it is."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    if isinstance(value, str):
        return value
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    if spec.money:
        return f"{max(amount, Decimal(0)).quantize(Decimal('0.01')):f}"
    return f"{amount.quantize(Decimal('0.0001')).normalize():f}"


def not_answerable(definition: Definition, raw: Mapping[str, Any]) -> dict[str, str]:
    """Errors for the keys of ``raw`` no one answers: keys the form does not have, and
    computed fields (the office computes them). A client sending them is out of step with
    the form version, so the API keeps none of what it sent (the page never sends them)."""
    errors: dict[str, str] = {}
    for key in raw:
        spec = definition.field(str(key))
        if spec is None:
            errors[str(key)] = _("Formularz nie ma takiego pola.")
        elif spec.kind == "computed":
            errors[spec.key] = _("„%(label)s” urząd wylicza sam: tej wartości się nie podaje.") % {
                "label": spec.label
            }
    return errors


def check(
    definition: Definition,
    raw: Mapping[str, Any],
    steps: list[Step] | None = None,
    complete: bool = True,
) -> Checked:
    """``raw`` answers checked against ``definition``. ``steps``: check only these (one
    step of the flow); ``complete=False``: a draft, only what was answered is checked."""
    submitted_computed = [
        spec.key for spec in definition.fields() if spec.kind == "computed" and spec.key in raw
    ]
    answers = normalise(definition, raw)
    errors: dict[str, str] = {}
    for key in submitted_computed:
        errors[key] = _("„%(label)s” urząd wylicza sam: tej wartości się nie podaje.") % {
            "label": definition.field(key).label  # type: ignore[union-attr]
        }
        answers.pop(key, None)
    for error in Draft202012Validator(
        schema_of(definition), format_checker=FORMATS.checker
    ).iter_errors(answers):
        path = _path(error)
        errors.setdefault(path, _message(error, _label(definition, list(error.absolute_path))))
    values = typed(definition, answers)
    for step in definition.steps:
        shown = _visible(step, values)
        for spec in step.fields:
            if not shown or not _visible(spec, values):
                answers.pop(spec.key, None)  # a hidden answer is not kept
                errors.pop(spec.key, None)
                continue
            if steps is not None and step not in steps:
                continue
            if (
                complete
                and spec.kind != "computed"
                and _required(spec, values)
                and _missing(spec, answers.get(spec.key))
            ):
                errors.setdefault(
                    spec.key, _("„%(label)s”: to pole jest wymagane.") % {"label": spec.label}
                )
            if spec.kind == "group" and isinstance(answers.get(spec.key), list):
                _check_entries(spec, answers[spec.key], errors, complete)
    _computed(definition, answers)
    if steps is not None:
        keys = {spec.key for step in steps for spec in step.fields}
        errors = {
            path: message
            for path, message in errors.items()
            if path.split(".")[0] in keys or path == FORM
        }
    return Checked(answers, errors)


def _check_entries(spec: Field, entries: list[Any], errors: dict[str, str], complete: bool) -> None:
    for number, entry in enumerate(entries):
        if not isinstance(entry, Mapping):
            continue
        for inner in spec.fields:
            path = f"{spec.key}.{number}.{inner.key}"
            if complete and inner.required and _missing(inner, entry.get(inner.key)):
                errors.setdefault(
                    path, _("„%(label)s”: to pole jest wymagane.") % {"label": inner.label}
                )
