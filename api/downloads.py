"""Private files handed out by the API (an application's documents and attachments).

The answer is the private file's own response (:func:`eurzad.core.private_files.delivery.deliver`:
streamed, handed to the web server, or a redirect to the object store's short-lived
signed address), never cached, never sniffed. It does not depend on ``Accept`` (a client
asking for ``application/pdf`` gets the file, not a 406); an error is still a problem
document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request

from eurzad.core.private_files.delivery import deliver
from eurzad.eservices.queries import ApplicationDocument

# What an application's files are (eurzad.eservices: the PDF, the XML and JSON copies, the
# UPP receipt, and attachments of the types a form takes).
FILE_MEDIA_TYPES = ("application/pdf", "application/xml", "image/jpeg", "image/png")
JSON_COPY = "application/json"


class AnyAccept(DefaultContentNegotiation):
    """A download is the file whatever ``Accept`` says; JSON stays the renderer of a
    problem."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        first = next(iter(renderers))
        return first, first.media_type


def download(document: ApplicationDocument) -> HttpResponseBase:
    """The response that hands ``document`` over, under the name it came with."""
    return deliver(document.file.storage, document.file.name or "", document.name)


def file_responses() -> dict[Any, Any]:
    """The OpenAPI answers of a download: the file in its own type (the JSON copy of an
    application is a JSON object), or with the object store a redirect to it."""
    described = "Plik (Content-Disposition z nazwą; Cache-Control: private, no-store)."
    responses: dict[Any, Any] = {
        (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description=described)
        for media_type in FILE_MEDIA_TYPES
    }
    responses[(200, JSON_COPY)] = OpenApiResponse(OpenApiTypes.OBJECT, description=described)
    responses[302] = OpenApiResponse(
        description="Przy przechowywaniu w S3: przekierowanie na podpisany adres pliku (kilka "
        "sekund ważności)."
    )
    return responses
