"""Views that are the same on every town's host."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponseBase
from django.views.static import serve

from eurzad.core.requests import TenantRequest

# Only published images (and the profile pictures staff choose for the admin) are served
# from the public media. Wagtail documents go through Wagtail's own view (it applies
# collection privacy); a person's or the office's files are never under MEDIA_ROOT
# (eurzad.core.private_files).
PUBLIC_MEDIA_FOLDERS = ("images/", "original_images/", "avatar_images/")


def serve_town_media(request: TenantRequest, schema: str, path: str) -> HttpResponseBase:
    """Serve a public image of the town whose host this is, and of no other town."""
    if schema != request.tenant.schema_name or not path.startswith(PUBLIC_MEDIA_FOLDERS):
        raise Http404
    return serve(request, path, document_root=str(Path(settings.MEDIA_ROOT) / schema))
