"""JSON over HTTP to a gateway, with the bilingual errors every plugin gives."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import requests

from eurzad.finance.gateways.registry import GatewayError

TIMEOUT_SECONDS = 20


def call_json(
    method: str,
    url: str,
    *,
    unreachable: str,
    refused: str,
    describe: Callable[[Mapping[str, Any]], str] | None = None,
    **kwargs: Any,
) -> dict:
    """Send the request and return the JSON object answered (``{}`` for none).

    ``unreachable`` and ``refused`` are the (translated) messages of the two failures; a
    status of 400 or more raises :class:`GatewayError` carrying that status, with what
    ``describe`` reads from the error answer (by default its ``error``)."""
    try:
        response = requests.request(method, url, timeout=TIMEOUT_SECONDS, **kwargs)
    except requests.RequestException as error:
        raise GatewayError(f"{unreachable}: {error}") from None
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if response.status_code >= 400:
        if not isinstance(answer, dict):
            detail = response.text
        elif describe is not None:
            detail = describe(answer) or response.text
        else:
            detail = answer.get("error", response.text)
        raise GatewayError(
            f"{refused}: {response.status_code} {str(detail)[:300]}", status=response.status_code
        )
    return answer if isinstance(answer, dict) else {}
