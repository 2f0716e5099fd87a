"""A town's private files as a whole: listed, read and written for archives, deleted with
the town. Through the storage API, so the same code serves a folder and a bucket."""

from __future__ import annotations

import hashlib
import posixpath
import shutil
from collections.abc import Iterator
from typing import IO

from django.core.files.storage import FileSystemStorage, Storage
from django_tenants.utils import schema_context

from eurzad.core.private_files.storage import private_storage


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:  # a town that never stored a private file has no folder
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for directory in sorted(directories):
        yield from _walk(storage, posixpath.join(folder, directory) if folder else directory)


def town_file_names(schema_name: str) -> list[str]:
    """The stored names of every private file of the town."""
    with schema_context(schema_name):
        return list(_walk(private_storage()))


def checksums(schema_name: str) -> dict[str, str]:
    """SHA-256 of each private file of the town, by stored name."""
    result = {}
    with schema_context(schema_name):
        storage = private_storage()
        for name in _walk(storage):
            digest = hashlib.sha256()
            with storage.open(name, "rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
            result[name] = digest.hexdigest()
    return result


def read_town_file(schema_name: str, name: str) -> tuple[int, IO[bytes]]:
    """The size and an open handle of one private file of the town (close it)."""
    with schema_context(schema_name):
        storage = private_storage()
        return storage.size(name), storage.open(name, "rb")


def write_town_file(schema_name: str, name: str, content: IO[bytes]) -> None:
    """Store ``content`` under exactly ``name`` for the town (restoring an archive)."""
    with schema_context(schema_name):
        stored = private_storage().save(name, content)
    if stored != name:
        raise FileExistsError(f"private file {name} already exists in {schema_name}")


def delete_town_files(schema_name: str) -> None:
    """Remove every private file of the town (the town is being deleted)."""
    with schema_context(schema_name):
        storage = private_storage()
        if isinstance(storage, FileSystemStorage):
            shutil.rmtree(storage.location, ignore_errors=True)
            return
        for name in list(_walk(storage)):
            storage.delete(name)
