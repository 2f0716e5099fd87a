"""The push providers behind a registry: a new push service is a new module registering
one :class:`PushProvider`, not an ``if`` chain."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from eurzad.core.registry import Registry

if TYPE_CHECKING:
    from eurzad.notifications.push.http import Answer
    from eurzad.notifications.push.models import PushSettings, PushSubscription


@dataclass(frozen=True)
class PushMessage:
    """What the resident sees: the service worker and the apps read the same fields."""

    title: str
    body: str
    link: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    urgent: bool = False  # alerts: delivered at once, waking the device

    def as_json(self) -> bytes:
        return json.dumps(
            {"title": self.title, "body": self.body, "link": self.link, "data": self.data},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()


@dataclass(frozen=True)
class Outcome:
    """How one delivery attempt ended."""

    delivered: bool
    status: int = 0  # the provider's HTTP status; 0: no answer
    gone: bool = False  # the subscription / token no longer exists: disable it
    retry: bool = False  # a temporary failure (5xx, 429, no answer): try again later
    retry_after: float | None = None  # seconds, from the provider's Retry-After
    detail: str = ""

    @classmethod
    def unreachable(cls, error: object) -> Outcome:
        return cls(delivered=False, retry=True, detail=f"no answer: {error}"[:500])


class ProviderNotConfigured(RuntimeError):
    """The town has not configured (or has switched off) this provider."""


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime

        from django.utils import timezone

        try:
            return max(0.0, (parsedate_to_datetime(value) - timezone.now()).total_seconds())
        except (TypeError, ValueError):
            return None


def outcome_of(answer: Answer, *, gone: bool) -> Outcome:
    """The common reading of an answer: 2xx delivered, ``gone`` disables, 429 and 5xx
    are retried (honouring Retry-After), any other 4xx fails for good."""
    detail = answer.text[:500]
    if 200 <= answer.status < 300:
        return Outcome(delivered=True, status=answer.status)
    if gone:
        return Outcome(delivered=False, status=answer.status, gone=True, detail=detail)
    retry = answer.status == 429 or answer.status >= 500
    headers = {k.lower(): v for k, v in answer.headers.items()}
    return Outcome(
        delivered=False,
        status=answer.status,
        retry=retry,
        retry_after=retry_after_seconds(headers.get("retry-after")) if retry else None,
        detail=detail,
    )


class PushProvider:
    """One push service's protocol client."""

    kind: ClassVar[str]

    def send(
        self, subscription: PushSubscription, message: PushMessage, config: PushSettings
    ) -> Outcome:
        raise NotImplementedError


_providers: Registry[PushProvider] = Registry("push provider")


def register(provider_class: type[PushProvider]) -> type[PushProvider]:
    """Class decorator: register one instance of the provider under its ``kind`` (the
    provider modules are imported from :class:`~eurzad.notifications.push.apps.PushConfig`)."""
    _providers.register(provider_class.kind, provider_class())
    return provider_class


def provider_for(kind: str) -> PushProvider:
    """The provider of ``kind``; ``NotRegistered`` (a ``KeyError``) for an unknown kind."""
    return _providers.get(kind)
