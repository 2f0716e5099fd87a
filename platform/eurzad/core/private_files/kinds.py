"""Kinds of private files, and who may read each.

A feature app registers its kinds from its own ``AppConfig.ready()``; the download view
asks the registry, so it knows no feature. A kind answers two questions:

- which of its files a resident may read while acting for a Party (``readable``: a
  queryset, so a file of anyone else is simply not found);
- which staff permission lets an office worker read any of them (each such read is
  recorded as a view of the owner's personal data), and whose data that is (``owner``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from eurzad.core.private_files.fields import PrivateFileField


@dataclass(frozen=True)
class PrivateFileKind:
    """One kind of private file: the model and field that hold it and its read rules."""

    model: type[models.Model]
    field_name: str
    # (resident, acting Party) -> the model's rows this resident may read acting so.
    readable: Callable[[Any, Any], models.QuerySet]
    # Django permission ("app_label.codename") that lets staff read any file of the kind.
    staff_permission: str
    # The Party whose personal data the file is (for the audit of staff reads), or None.
    owner: Callable[[Any], Any]
    # Representation scope the acting Party must be held in ("view" or "pay").
    scope: str = "view"

    @property
    def field(self) -> PrivateFileField:
        field = self.model._meta.get_field(self.field_name)
        assert isinstance(field, PrivateFileField)
        return field

    @property
    def name(self) -> str:
        return self.field.kind

    def holder(self, queryset: models.QuerySet, stored_name: str) -> models.Model | None:
        """The row of ``queryset`` that holds the file stored as ``stored_name``."""
        return queryset.filter(**{self.field_name: stored_name}).first()

    def original_name(self, holder: models.Model) -> str:
        return getattr(holder, self.field.name_field) or "plik"


_kinds: dict[str, PrivateFileKind] = {}


def register(kind: PrivateFileKind) -> PrivateFileKind:
    """Add a kind (from the owning app's ``ready()``); a name is registered once."""
    existing = _kinds.get(kind.name)
    if existing is not None and existing.model is not kind.model:
        raise ValueError(f"Private file kind {kind.name!r} is already registered.")
    _kinds[kind.name] = kind
    return kind


def kind_of(stored_name: str) -> PrivateFileKind | None:
    """The kind a stored name belongs to, by its first folder."""
    return _kinds.get(stored_name.split("/", 1)[0])


def registered() -> list[PrivateFileKind]:
    return list(_kinds.values())
