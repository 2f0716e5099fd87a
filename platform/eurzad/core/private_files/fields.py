"""``PrivateFileField``: a FileField for a person's or the office's file.

A stored name says nothing about the file: ``<kind>/<year>/<month>/<random>``. The name
the file came with is kept in a companion field of the model (``name_field``) and used
only for the download's Content-Disposition.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from django import forms
from django.core import checks
from django.db import models
from django.db.models.signals import pre_save
from django.utils import timezone

from eurzad.core.private_files.storage import PrivateFileSystemStorage, private_storage

ORIGINAL_NAME_LENGTH = 255


def original_name(name: str) -> str:
    """The last part of an uploaded file's name, as the uploader called it (shortened to
    fit the companion field, keeping the extension)."""
    base = PurePath(name.replace("\\", "/")).name
    if len(base) <= ORIGINAL_NAME_LENGTH:
        return base
    suffix = PurePath(base).suffix[:16]
    return base[: ORIGINAL_NAME_LENGTH - len(suffix)] + suffix


def random_name(kind: str) -> str:
    """A fresh stored name in ``kind``'s folder: 32 random bytes, URL-safe."""
    today = timezone.localdate()
    return f"{kind}/{today:%Y}/{today:%m}/{secrets.token_urlsafe(32)}"


class PrivateFileInput(forms.ClearableFileInput):
    """The file input of forms (the admin's included): shows the current file by the name
    it came with, linked to its authorised download path, not by its random stored name."""

    template_name = "core/widgets/private_file_input.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        field = getattr(value, "field", None)
        instance = getattr(value, "instance", None)
        context["widget"]["original_name"] = (
            getattr(instance, field.name_field, "") if isinstance(field, PrivateFileField) else ""
        ) or str(value or "")
        return context


class PrivateFileField(models.FileField):
    """A file in the private storage, named at random, its original name kept in
    ``name_field``. ``kind`` is the folder and the key of its entry in
    ``eurzad.core.private_files.kinds`` (who may read it)."""

    def __init__(
        self, verbose_name: Any = None, *, kind: str, name_field: str, **kwargs: Any
    ) -> None:
        self.kind = kind
        self.name_field = name_field
        kwargs.setdefault("storage", private_storage)
        kwargs["upload_to"] = ""  # generate_filename names the file
        kwargs.setdefault("max_length", 100)
        super().__init__(verbose_name, **kwargs)

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("upload_to", None)
        kwargs["kind"] = self.kind
        kwargs["name_field"] = self.name_field
        return name, path, args, kwargs

    def generate_filename(
        self, instance: models.Model | None, filename: str | os.PathLike[str]
    ) -> str:
        # Every way a file is stored passes here with the uploader's name: remember it.
        if instance is not None:
            setattr(instance, self.name_field, original_name(os.fspath(filename)))
        return random_name(self.kind)

    def formfield(self, **kwargs: Any) -> Any:
        kwargs.setdefault("widget", PrivateFileInput)
        return super().formfield(**kwargs)

    # FileField's signature; the stubs give Field (private_only) and FileField (**kwargs)
    # different ones, so any override breaks one of them
    def contribute_to_class(  # type: ignore[override]
        self, cls: type[models.Model], name: str, **kwargs: Any
    ) -> None:
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            pre_save.connect(self._remember_original_name, sender=cls, weak=False)

    def _remember_original_name(self, sender: type, instance: models.Model, **kwargs: Any) -> None:
        # A file assigned but not yet stored (a form's upload) is named when the model is
        # saved, after the companion field may already have been read: name it here first.
        file = getattr(instance, self.attname)
        if file and not file._committed:
            setattr(instance, self.name_field, original_name(file.name))

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = [*super().check(**kwargs)]
        if not isinstance(self.storage, PrivateFileSystemStorage) and not hasattr(
            self.storage, "signed_url"
        ):
            errors.append(
                checks.Error(
                    "A PrivateFileField must use the private storage.",
                    obj=self,
                    id="eurzad.E101",
                )
            )
        names = {field.name for field in self.model._meta.get_fields()}
        if self.name_field not in names:
            errors.append(
                checks.Error(
                    f"PrivateFileField.name_field {self.name_field!r} is not a field of "
                    f"{self.model.__name__}.",
                    obj=self,
                    id="eurzad.E102",
                )
            )
        return errors
