"""Errors of the API as RFC 9457 problem details (``application/problem+json``).

Every error has the same shape: ``type`` (a stable URI naming the kind of problem),
``title``, ``status``, ``detail`` and, for invalid input, ``errors`` by field. Texts are in
Polish, or in English for ``Accept-Language: en`` (the locale middleware picks it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_TYPES = "https://eurzad.pl/api/problemy/"

_TITLES = {
    400: lambda: _("Nieprawidłowe dane"),
    401: lambda: _("Wymagane uwierzytelnienie"),
    403: lambda: _("Brak uprawnień"),
    404: lambda: _("Nie znaleziono"),
    405: lambda: _("Niedozwolona metoda"),
    406: lambda: _("Nieobsługiwany format odpowiedzi"),
    409: lambda: _("Konflikt"),
    413: lambda: _("Za duże żądanie"),
    415: lambda: _("Nieobsługiwany format danych"),
    423: lambda: _("Zablokowane"),
    429: lambda: _("Zbyt wiele żądań"),
    503: lambda: _("Usługa chwilowo niedostępna"),
}


class ProblemJSONRenderer(JSONRenderer):
    media_type = "application/problem+json"


class Problem(exceptions.APIException):
    """An error with its own problem type, e.g. ``Problem(423, "pairing-locked", msg)``."""

    def __init__(self, status_code: int, kind: str, detail: str,
                 extra: dict[str, Any] | None = None) -> None:  # fmt: skip
        super().__init__(detail)
        self.status_code = status_code
        self.kind = kind
        self.extra = extra or {}


def _kind(exc: Exception, status_code: int) -> str:
    if isinstance(exc, Problem):
        return exc.kind
    code = getattr(exc, "default_code", "") or ""
    return {
        400: "invalid",
        401: "not-authenticated",
        403: "forbidden",
        404: "not-found",
        429: "throttled",
    }.get(status_code, code.replace("_", "-") or "error")


def _detail(exc: Exception, data: Any) -> tuple[str, dict[str, Any] | None]:
    if isinstance(exc, exceptions.ValidationError):
        if isinstance(data, dict):
            return _("Popraw wskazane pola."), flat_errors(data)
        return _("Popraw dane żądania."), flat_errors({"non_field_errors": data})
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"]), None
    return str(data), None


def flat_errors(errors: dict[str, Any]) -> dict[str, list[str]]:
    """Field → list of messages, as the schema says, also for a field holding a list or
    an object: ``{"ids": {"0": ["…"]}}`` becomes ``{"ids": ["ids[0]: …"]}``."""
    return {str(field): list(_messages(value, str(field), nested=False))
            for field, value in errors.items()}  # fmt: skip


def _messages(value: Any, where: str, *, nested: bool) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            step = f"[{key}]" if str(key).isdigit() else f".{key}"
            yield from _messages(inner, where + step, nested=True)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            if isinstance(inner, dict | list):
                yield from _messages(inner, f"{where}[{index}]", nested=True)
            else:
                yield from _messages(inner, where, nested=nested)
    else:
        yield f"{where}: {value}" if nested else str(value)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, then reshaped as a problem document."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    status_code = response.status_code
    detail, errors = _detail(exc, response.data)
    body: dict[str, Any] = {
        "type": PROBLEM_TYPES + _kind(exc, status_code),
        "title": str(_TITLES.get(status_code, lambda: _("Błąd"))()),
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    if isinstance(exc, Problem):
        body.update(exc.extra)
    response.data = body
    response.content_type = "application/problem+json"
    return response


def problem_response(status_code: int, kind: str, detail: str, **extra: Any) -> Response:
    """A problem answer built by hand (a view that needs no exception)."""
    title = _TITLES.get(status_code, lambda: _("Błąd"))()
    body = {"type": PROBLEM_TYPES + kind, "title": str(title), "status": status_code,
            "detail": detail, **extra}  # fmt: skip
    return Response(body, status=status_code, content_type="application/problem+json")


__all__ = ["Problem", "ProblemJSONRenderer", "flat_errors", "problem_exception_handler",
           "problem_response", "status"]  # fmt: skip
