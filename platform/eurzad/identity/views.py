"""login.gov.pl views of a town's host."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from eurzad.identity.models import LoginGovConfig
from eurzad.identity.services import signed_metadata


def metadata(request: HttpRequest) -> HttpResponse:
    """GET /logowanie/metadata/: the town's signed SAML SP metadata."""
    config = LoginGovConfig.objects.first()
    if config is None:
        raise Http404
    body = signed_metadata(config, request.get_host().split(":")[0], request.scheme)
    return HttpResponse(body, content_type="application/samlmetadata+xml")
