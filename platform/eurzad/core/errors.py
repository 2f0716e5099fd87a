"""The page a visitor sees when a request fails on the server: the town's own look (or the
platform's), in Polish with English, never Django's technical page.

``handler500`` of both URL configurations. Rendering the branded page needs the database
(the town's look, its alerts); when that fails too, a plain page that needs nothing."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

BRANDED_TEMPLATE = "500.html"
PLAIN_TEMPLATE = "500_plain.html"


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the branded error page, or the plain one if that cannot be made."""
    try:
        return render(request, BRANDED_TEMPLATE, status=500)
    except Exception:  # the cause of the 500 may well break rendering too
        logger.warning("The branded 500 page failed; serving the plain one", exc_info=True)
        return HttpResponseServerError(render_to_string(PLAIN_TEMPLATE))
