"""The page a visitor sees when a request fails on the server: the town's own look (or the
platform's), in Polish with English, never Django's technical page.

``handler500`` of both URL configurations. Rendering the branded page needs the database
(the town's look, its alerts); when that fails too, a plain page that needs nothing.

When the failure is the database itself (restarted, failed over, unreachable) the answer
is ``503 Service Unavailable`` with ``Retry-After``: a browser is asked to try again in
a moment, and a payment gateway posting a notification sends it again (every gateway
retries a notification that was not answered with 2xx)."""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

BRANDED_TEMPLATE = "500.html"
PLAIN_TEMPLATE = "500_plain.html"
UNAVAILABLE_TEMPLATE = "503_plain.html"
RETRY_AFTER_SECONDS = 5


def database_unavailable() -> HttpResponse:
    """The plain 503 page (it needs no database), asking to retry shortly."""
    response = HttpResponse(render_to_string(UNAVAILABLE_TEMPLATE), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the branded error page, or the plain one if that cannot be made;
    503 when the database is what failed."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        logger.warning("The database is unavailable: answering 503")
        return database_unavailable()
    try:
        return render(request, BRANDED_TEMPLATE, status=500)
    except Exception:  # the cause of the 500 may well break rendering too
        logger.warning("The branded 500 page failed; serving the plain one", exc_info=True)
        return HttpResponseServerError(render_to_string(PLAIN_TEMPLATE))
