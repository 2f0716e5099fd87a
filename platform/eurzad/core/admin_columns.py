"""Columns of the Wagtail admin's listings, as the office's staff read them: a yes/no
field in words ("tak" / "nie"), not Python's True / False."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """A yes/no field, in words."""

    def get_value(self, instance: Any) -> str:
        value = super().get_value(instance)
        if value is None:
            return "—"
        return str(_("tak") if value else _("nie"))


def listing_columns(model: type[models.Model], names: Sequence[str]) -> list[str | Column]:
    """``list_display`` for ``model``: its yes/no fields as :class:`YesNoColumn`, with the
    field's name as the heading and sortable; anything else as Wagtail shows it."""
    columns: list[str | Column] = []
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a method or "__str__": Wagtail's own column
            columns.append(name)
            continue
        if isinstance(field, models.BooleanField):
            label = capfirst(str(field.verbose_name))
            columns.append(YesNoColumn(name, label=label, sort_key=name))
        else:
            columns.append(name)
    return columns
