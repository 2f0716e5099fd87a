"""``/api/…`` addresses that name no operation: 404 for every method.

Without this the town's page tree (Wagtail's catch-all URL) would take them, and a POST
there fails Django's CSRF check: an API client would read 403 for a mistyped address.
``api.middleware`` turns the 404 into a problem document."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def unknown_address(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise Http404
