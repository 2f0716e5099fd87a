"""The private storage: per town, outside the public media, never with a public URL.

Both backends put a town's files under its own prefix, the schema name of the connection
the file is written or read in (the request's town, or the task's: tenant-schemas-celery
sets it). The public schema has no private files: using the storage there is refused, so
a file can never land where every town could reach it.
"""

from __future__ import annotations

import os
import posixpath
import re

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import connection
from django_tenants.utils import get_public_schema_name

# A stored name: <kind prefix>/<year>/<month>/<43 random URL-safe characters>.
STORED_NAME = re.compile(r"^[a-z][a-z0-9-]{0,39}/\d{4}/\d{2}/[A-Za-z0-9_-]{43}$")
DOWNLOAD_PATH = "/pliki/"


def town_prefix() -> str:
    """The current town's folder: its schema name; refused outside a town."""
    schema = getattr(connection, "schema_name", "")
    if not schema or schema == get_public_schema_name():
        raise SuspiciousFileOperation(
            "Private files belong to a town: the connection is not in a town's schema."
        )
    return schema


def is_stored_name(name: str) -> bool:
    """Whether ``name`` has the shape the private storage gives its files."""
    return bool(STORED_NAME.match(name))


def download_url(name: str) -> str:
    """The authorised download path of a stored file (on the town's own host)."""
    return DOWNLOAD_PATH + name


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on a local or shared volume under ``PRIVATE_FILES_ROOT/<schema>/``."""

    @property  # not cached: the town changes from request to request
    def base_location(self) -> str:
        # _location: FileSystemStorage's own (the location given, if any); not in the stubs
        root = self._value_or_setting(self._location, settings.PRIVATE_FILES_ROOT)  # type: ignore[attr-defined]
        return posixpath.join(str(root), town_prefix())

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        return download_url(name or "")

    def accel_path(self, name: str) -> str:
        """Where the web server's internal location finds the file (``X-Accel-Redirect``)."""
        prefix = settings.PRIVATE_FILES_ACCEL_PREFIX.rstrip("/")
        return f"{prefix}/{town_prefix()}/{name}"


def private_storage() -> Storage:
    """The private storage; the callable FileFields take as ``storage=`` (it keeps
    migrations free of settings)."""
    return storages["private"]
