"""How the OpenAPI description of ``/api/v1/`` is made: only the town API's own paths
(generated from :mod:`api.schema_urls`; the hook also guards a run over the whole
URLconf, which holds Wagtail's admin API), and our authentication schemes."""

from __future__ import annotations

from typing import Any, Literal

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object

from api.serializers import ProblemSerializer

API_PREFIX = "/api/v1/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


def only_town_api(endpoints: list[tuple[Any, ...]], **kwargs: Any) -> list[tuple[Any, ...]]:
    """Preprocessing hook: keep the endpoints under ``/api/v1/``."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.DeviceTokenAuthentication"
    name = "urzadzenie"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        scheme = build_bearer_security_scheme_object(
            header_name="AUTHORIZATION",
            token_prefix="Bearer",  # noqa: S106 - a scheme name
        )
        scheme["description"] = (
            "Token urządzenia z POST /api/v1/mobile/pair/ (parowanie PESEL + PIN; "
            "device token from pairing)."
        )
        return scheme


class TownApiSchema(AutoSchema):
    """Every operation documents the problems it can answer with, besides what its view
    declares: 400 (parameters or body), 401/403 (credentials), 404 (unknown ids, pages
    past the end), 406 (``Accept``), 413/415 (bodies) and 429 (throttling)."""

    def _get_response_bodies(
        self, direction: Literal["request", "response"] = "response"
    ) -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses

        for code in self._problem_codes():
            responses.setdefault(
                str(code),
                self._get_response_for_code(
                    ProblemSerializer, str(code), media_types=(PROBLEM_MEDIA_TYPE,)
                ),
            )
        return responses

    def _problem_codes(self) -> list[int]:
        view = self.view
        codes = [400, 404, 406]
        if getattr(view, "authentication_classes", None):
            codes += [401, 403]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += [413, 415]
        if getattr(view, "throttle_classes", None):
            codes.append(429)
        return codes
