"""Values computed at most once per request: the shell of a page (header, menu) and its
view often need the same thing (who acts for whom, a count), each from its own code."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")

_ATTRIBUTE = "_eurzad_request_memo"


def once_per_request(request: object, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s value for ``request``, computed on the first call with ``key`` and
    kept on the request for the others. ``request`` is Django's or DRF's request."""
    memo: dict[Hashable, Any] = request.__dict__.setdefault(_ATTRIBUTE, {})
    if key not in memo:
        memo[key] = compute()
    return cast("T", memo[key])
