"""Moving a town's files out of its public media into the private storage.

Used by the data migrations of the apps whose files were once kept under ``MEDIA_ROOT``:
each file is copied under a new random name, the row is pointed at it and given the
original name, then the public copy is deleted. A row whose public file is already gone
keeps its reference (nothing is lost, and the name is not a private one, so no download
path serves it). Run again, it does nothing.
"""

from __future__ import annotations

import logging
from contextlib import suppress
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.files.storage import storages
from django_tenants.utils import get_public_schema_name

from eurzad.core.postgresql.connection import connection
from eurzad.core.private_files.fields import original_name, random_name
from eurzad.core.private_files.storage import is_stored_name, private_storage

logger = logging.getLogger(__name__)


def move_public_files(apps: Any, app_label: str, model_name: str, field_name: str) -> int:
    """Move every file of ``app_label.model_name.field_name`` still in the current town's
    public media into the private storage; returns how many were moved."""
    if connection.schema_name == get_public_schema_name():
        return 0
    model = apps.get_model(app_label, model_name)
    field = model._meta.get_field(field_name)
    public, private = storages["default"], private_storage()
    moved, folders = 0, set()
    for row in model.objects.exclude(**{field_name: ""}).iterator():
        name = getattr(row, field_name).name
        if is_stored_name(name):
            continue
        if not public.exists(name):
            logger.warning("%s.%s %s: public file %s is missing; reference kept",
                           model_name, field_name, row.pk, name)  # fmt: skip
            continue
        with public.open(name, "rb") as source:
            stored = private.save(random_name(field.kind), source)
        setattr(row, field_name, stored)
        setattr(row, field.name_field, original_name(name))
        row.save(update_fields=[field_name, field.name_field])
        public.delete(name)
        folders.add(str(PurePosixPath(name).parent))
        moved += 1
    _remove_empty_folders(public, folders)
    return moved


def _remove_empty_folders(public: Any, folders: set[str]) -> None:
    """Drop the public folders the moved files left empty, deepest first."""
    try:
        root = Path(public.path(""))
    except NotImplementedError:  # a storage without local paths keeps no folders
        return
    candidates = {
        parent
        for folder in folders
        for parent in (PurePosixPath(folder), *PurePosixPath(folder).parents)
        if str(parent) != "."
    }
    for folder in sorted(candidates, key=lambda path: len(path.parts), reverse=True):
        with suppress(OSError):  # not empty, or already gone
            (root / folder).rmdir()
