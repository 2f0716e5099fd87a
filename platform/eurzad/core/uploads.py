"""Files people upload (an application's attachments, a reply in a case): which types the
platform takes, and whether a file's content is of the type its name says (a renamed .exe
is not a PDF). Each feature words its own refusals; this module only answers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile

# The types taken: their content type and extension.
FILE_TYPES = {
    "pdf": ("application/pdf", ".pdf"),
    "jpg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
    "xml": ("application/xml", ".xml"),
}
# How each type's content begins.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "xml": (b"<?xml", b"\xef\xbb\xbf<?xml", b"<"),
}
MB = 1024 * 1024


def accept_attribute(kinds: Iterable[str]) -> str:
    """The ``accept`` of a file input taking ``kinds`` (the browser's first filter)."""
    return ",".join(f"{FILE_TYPES[kind][1]},{FILE_TYPES[kind][0]}" for kind in kinds)


def kind_by_name(name: str, kinds: Iterable[str]) -> str | None:
    """Which of ``kinds`` the file's name says it is (``.jpeg`` is a JPG); None: none."""
    suffix = PurePath(name or "").suffix.lower()
    suffix = ".jpg" if suffix == ".jpeg" else suffix
    return next((kind for kind in kinds if FILE_TYPES[kind][1] == suffix), None)


def content_is(upload: UploadedFile, kind: str) -> bool:
    """Whether the upload's content begins as a file of ``kind`` does; the upload is read
    from its start again afterwards."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head.startswith(SIGNATURES[kind])
