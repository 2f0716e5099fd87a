"""A form as the resident fills it in: steps of typed fields, read from the editors'
StreamField (the raw JSON Wagtail keeps in the form and in each of its revisions).

Pure data, no database: a submission keeps the revision it was started on, and
:func:`read` turns that revision's stored JSON back into the same :class:`Definition`
however the form has changed since.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from eurzad.core.uploads import FILE_TYPES
from eurzad.eservices.formulas import Formula, FormulaError, parse

KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
IDENTIFIERS = ("pesel", "nip", "nrb", "postal_code", "email", "phone")
MAX_FILE_MB = 10


class DefinitionError(ValueError):
    """The form as stored cannot be filled in (told to the editor on saving)."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    label_en: str = ""


@dataclass(frozen=True)
class Field:
    """One question. ``kind``: text, number, date, choice, identifier, file, consent,
    group (repeating: ``fields`` in each entry) or computed (``formula``)."""

    key: str
    kind: str
    label: str
    label_en: str = ""
    help: str = ""
    help_en: str = ""
    required: bool = False
    show_when: Formula | None = None
    required_when: Formula | None = None
    prefill: str = ""  # what of the acting Party fills it in (eurzad.eservices.prefill)
    multiline: bool = False
    max_length: int = 500
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    decimals: int = 0
    choices: tuple[Choice, ...] = ()
    identifier: str = ""
    file_types: tuple[str, ...] = ()
    max_mb: int = MAX_FILE_MB
    max_files: int = 1
    min_items: int = 0
    max_items: int = 20
    fields: tuple[Field, ...] = ()
    formula: Formula | None = None
    money: bool = False  # a computed amount in złoty (e.g. the fee)


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    title_en: str = ""
    help: str = ""
    help_en: str = ""
    show_when: Formula | None = None
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True)
class Definition:
    steps: tuple[Step, ...]
    fee_field: str = ""  # the computed field whose value is the fee, if any
    constants: Mapping[str, Decimal] = field(default_factory=dict)

    def fields(self) -> Iterator[Field]:
        """Every top-level field, step by step."""
        for step in self.steps:
            yield from step.fields

    def field(self, key: str) -> Field | None:
        return next((each for each in self.fields() if each.key == key), None)


def _formula(source: Any, where: str) -> Formula | None:
    if not source or not str(source).strip():
        return None
    try:
        return parse(str(source))
    except FormulaError as error:
        raise DefinitionError(f"{where}: {error}") from error


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation as error:
        raise DefinitionError(f"to nie liczba: {value!r}") from error


def _choice(item: Mapping[str, Any]) -> Choice:
    # The admin saves a ListBlock's answers as {"type": "item", "value": {...}, "id": ...};
    # a form written as JSON (a shipped form, the tests) holds the answers themselves.
    answer = item["value"] if item.get("type") == "item" else item
    return Choice(str(answer["value"]), str(answer["label"]), str(answer.get("label_en") or ""))


def _field(kind: str, value: Mapping[str, Any], nested: bool = False) -> Field:
    key = str(value.get("key", "")).strip()
    if not KEY.match(key):
        raise DefinitionError(
            f"klucz pola {key!r}: małe litery bez polskich znaków, cyfry i _, od litery"
        )
    where = f"pole {key}"
    options: dict[str, Any] = {}
    if kind == "text":
        options = {"multiline": bool(value.get("multiline")),
                   "max_length": int(value.get("max_length") or 500)}  # fmt: skip
    elif kind == "number":
        options = {"minimum": _decimal(value.get("minimum")),
                   "maximum": _decimal(value.get("maximum")),
                   "decimals": int(value.get("decimals") or 0)}  # fmt: skip
    elif kind == "choice":
        choices = tuple(_choice(item) for item in value.get("choices") or [])
        if not choices:
            raise DefinitionError(f"{where}: pole wyboru bez odpowiedzi do wyboru")
        options = {"choices": choices}
    elif kind == "identifier":
        if value.get("identifier") not in IDENTIFIERS:
            raise DefinitionError(f"{where}: nieznany rodzaj numeru")
        options = {"identifier": value["identifier"]}
    elif kind == "file":
        types = tuple(value.get("file_types") or ("pdf", "jpg", "png"))
        if not set(types) <= set(FILE_TYPES):
            raise DefinitionError(f"{where}: dozwolone typy plików: {', '.join(FILE_TYPES)}")
        options = {"file_types": types,
                   "max_mb": min(int(value.get("max_mb") or MAX_FILE_MB), MAX_FILE_MB),
                   "max_files": int(value.get("max_files") or 1)}  # fmt: skip
    elif kind == "group":
        if nested:
            raise DefinitionError(f"{where}: grupa nie może zawierać grupy")
        options = {"fields": _fields(value.get("fields") or [], nested=True),
                   "min_items": int(value.get("min_items") or 0),
                   "max_items": int(value.get("max_items") or 20)}  # fmt: skip
    elif kind == "computed":
        options = {
            "formula": _formula(value.get("formula"), where),
            "money": bool(value.get("money")),
        }
        if options["formula"] is None:
            raise DefinitionError(f"{where}: pole wyliczane potrzebuje formuły")
    elif kind not in ("date", "consent"):
        raise DefinitionError(f"{where}: nieznany rodzaj pola {kind!r}")
    return Field(
        key=key, kind=kind, label=str(value.get("label") or key),
        label_en=str(value.get("label_en") or ""), help=str(value.get("help") or ""),
        help_en=str(value.get("help_en") or ""), required=bool(value.get("required")),
        show_when=_formula(value.get("show_when"), where),
        required_when=_formula(value.get("required_when"), where),
        prefill=str(value.get("prefill") or ""), **options,
    )  # fmt: skip


def _fields(stream: list[Mapping[str, Any]], nested: bool = False) -> tuple[Field, ...]:
    return tuple(_field(item["type"], item.get("value") or {}, nested) for item in stream)


def _stream(raw: Any) -> list[Mapping[str, Any]]:
    if isinstance(raw, str):
        raw = json.loads(raw or "[]")
    return list(raw or [])


def read(
    steps: Any, fee_field: str = "", constants: Mapping[str, Decimal] | None = None
) -> Definition:
    """The definition of a form's ``steps`` StreamField (its raw JSON, as stored in the
    form or a revision), checked: unique keys, formulas that name only the form's fields
    and the town's ``constants``, a fee field that is a computed amount."""
    built = []
    for number, item in enumerate(_stream(steps), start=1):
        value = item.get("value") or {}
        built.append(
            Step(
                key=f"krok{number}",
                title=str(value.get("title") or f"Krok {number}"),
                title_en=str(value.get("title_en") or ""),
                help=str(value.get("help") or ""),
                help_en=str(value.get("help_en") or ""),
                show_when=_formula(value.get("show_when"), f"krok {number}"),
                fields=_fields(value.get("fields") or []),
            )
        )
    definition = Definition(tuple(built), fee_field, dict(constants or {}))
    _check(definition)
    return definition


def _check(definition: Definition) -> None:
    if not definition.steps:
        raise DefinitionError("formularz nie ma żadnego kroku")
    keys: list[str] = []
    for each in definition.fields():
        keys.append(each.key)
        keys.extend(f"{each.key}.{inner.key}" for inner in each.fields)
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise DefinitionError("powtórzone klucze pól: " + ", ".join(duplicates))
    known = {each.key for each in definition.fields()} | set(definition.constants)
    for step in definition.steps:
        for formula, where in _formulas(step):
            unknown = formula.names - known - {inner for inner in _inner_keys(step)}
            if unknown:
                raise DefinitionError(f"{where}: nieznane nazwy: {', '.join(sorted(unknown))}")
    if definition.fee_field:
        fee = definition.field(definition.fee_field)
        if fee is None or fee.kind != "computed":
            raise DefinitionError("opłata musi być polem wyliczanym formularza")


def _inner_keys(step: Step) -> Iterator[str]:
    for each in step.fields:
        for inner in each.fields:
            yield inner.key


def _formulas(step: Step) -> Iterator[tuple[Formula, str]]:
    if step.show_when:
        yield step.show_when, step.title
    for each in step.fields:
        for inner in (each, *each.fields):
            for formula in (inner.show_when, inner.required_when, inner.formula):
                if formula is not None:
                    yield formula, f"pole {inner.key}"
