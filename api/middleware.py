"""What every answer under ``/api/`` shares, whichever view (or none) made it.

- The language is the one of ``Accept-Language`` (Polish by default, English). Django's
  LocaleMiddleware pins every path outside ``i18n_patterns`` to the default language when
  the default has no URL prefix; API clients have no prefix to choose with.
- Errors are problem documents even when no API view answered (a path that matches no
  URL, a server error): never the HTML pages meant for people.
- A control character (NUL…) in the path or a query parameter is refused with 400
  before any view: PostgreSQL text cannot hold NUL.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from api.problems import PROBLEM_TYPES
from eurzad.core.query import refused_part_of

API_PATH = "/api/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PATH):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        part = refused_part_of(request)
        response = self.get_response(request) if part is None else _control_characters(part)
        if response.status_code >= 400 and _is_html(response):
            response = _as_problem(response.status_code)
        patch_vary_headers(response, ["Accept-Language"])
        response.headers.setdefault("Content-Language", language)
        return response


def _is_html(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def _control_characters(part: str) -> HttpResponse:
    detail = _("Adres lub parametr zawiera znak sterujący (np. NUL), którego nie przyjmujemy.")
    message = _("Usuń znaki sterujące (np. znak NUL): nie mogą wystąpić w tym polu.")
    body = {"type": PROBLEM_TYPES + "control-characters", "title": str(_("Nieprawidłowe dane")),
            "status": 400, "detail": str(detail), "errors": {part: [str(message)]}}  # fmt: skip
    return HttpResponse(json.dumps(body), status=400, content_type=PROBLEM_MEDIA_TYPE)


def _as_problem(status: int) -> HttpResponse:
    if status == 404:
        kind, title, detail = "not-found", _("Nie znaleziono"), _("Nie ma takiego adresu w API.")
    elif status == 405:
        kind, title, detail = (
            "method-not-allowed",
            _("Niedozwolona metoda"),
            _("Ten adres nie obsługuje tej metody."),
        )
    elif status < 500:
        kind, title, detail = "error", _("Błąd"), _("Żądanie nie może być obsłużone.")
    else:
        kind, title, detail = (
            "server-error",
            _("Błąd serwera"),
            _("Wystąpił błąd po stronie serwera; spróbuj ponownie później."),
        )
    body = {"type": PROBLEM_TYPES + kind, "title": str(title), "status": status,
            "detail": str(detail)}  # fmt: skip
    return HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_MEDIA_TYPE)
