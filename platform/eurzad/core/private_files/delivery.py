"""The response that hands a private file to the one who may read it.

Whatever the transfer, the answer is never cached (``private, no-store``), never sniffed
(``nosniff``) and opened in the browser only for PDFs and raster images; anything else is
an attachment, so an uploaded HTML or SVG file can never run on the town's host.

- ``app``: Python streams the file (development, tests, small installations);
- ``x-accel``: the web server in front (nginx) sends it from its internal location;
- ``s3``: a redirect to a URL the object store signs for a few seconds.
"""

from __future__ import annotations

import mimetypes
from typing import TYPE_CHECKING, TypeVar, cast

from django.conf import settings
from django.core.files.storage import Storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.utils.http import content_disposition_header

if TYPE_CHECKING:
    from eurzad.core.private_files.s3 import PrivateS3Storage
    from eurzad.core.private_files.storage import PrivateFileSystemStorage

R = TypeVar("R", bound=HttpResponseBase)

INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def content_type_of(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def disposition_of(filename: str, content_type: str) -> str:
    """``inline`` for a PDF or raster image, ``attachment`` otherwise (RFC 6266, with the
    UTF-8 form for Polish letters)."""
    header = content_disposition_header(content_type not in INLINE_TYPES, filename)
    assert header is not None
    return header


def mark_private(response: R) -> R:
    """Headers every private document carries, however it is produced."""
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def private_download(
    content: bytes | str, filename: str, content_type: str | None = None
) -> HttpResponse:
    """A private document the portal produces itself (a UPO, a payment confirmation)."""
    content_type = content_type or content_type_of(filename)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = disposition_of(filename, content_type.split(";")[0])
    return mark_private(response)


def deliver(storage: Storage, stored_name: str, filename: str) -> HttpResponseBase:
    """The download of ``stored_name`` from the private ``storage``, as ``filename``, by
    the configured transfer (``PRIVATE_FILES_DELIVERY``)."""
    content_type = content_type_of(filename)
    disposition = disposition_of(filename, content_type)
    mode = settings.PRIVATE_FILES_DELIVERY
    if mode == "s3":
        s3 = cast("PrivateS3Storage", storage)  # the private storage in this mode
        response: HttpResponseBase = HttpResponseRedirect(
            s3.signed_url(stored_name, disposition=disposition, content_type=content_type)
        )
    elif mode == "x-accel":
        response = HttpResponse(content_type=content_type)
        local = cast("PrivateFileSystemStorage", storage)  # the private storage in this mode
        response["X-Accel-Redirect"] = local.accel_path(stored_name)
        response["Content-Disposition"] = disposition
    else:
        try:
            stream = storage.open(stored_name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(stream, content_type=content_type)
        response["Content-Disposition"] = disposition
    return mark_private(response)
