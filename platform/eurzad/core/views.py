"""Views that are the same on every town's host."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.static import serve


def serve_town_media(request: HttpRequest, schema: str, path: str) -> HttpResponse:
    """Serve an uploaded file of the town whose host this is, and of no other town."""
    if schema != request.tenant.schema_name:
        raise Http404
    return serve(request, path, document_root=str(Path(settings.MEDIA_ROOT) / schema))
