"""Handing the artifact of a cross-site HTTP-POST over to a same-site GET.

The Węzeł Krajowy returns ``SAMLart`` and ``RelayState`` to the ACS by an auto-submitted
form POST from its own site. Browsers withhold ``SameSite=Lax`` cookies from such a
request, so the session that started the login is not there to finish it — and it must
not be made ``SameSite=None`` for everything else's sake. The POST therefore only puts
the two values aside, server-side and for a short while, under a random one-time token,
and answers ``303 See Other`` to the ACS with that token. The browser's GET is a top-level
navigation on the town's own site: it carries the session, and the login is finished
there, with the usual check that this browser started it (its session's RelayState).

The token is worth nothing without that session: a third party who posts an artifact of
their own to somebody's ACS gets refused on the GET ("not started in this browser").
Nothing is read from or written to the session on the cross-site POST. The values are
kept in the town's own schema (:class:`eurzad.identity.models.ArtifactHandoff`, under the
token's SHA-256), so a token is never valid on another town's host, and a login finishes
whether or not Redis answers.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from eurzad.identity.models import ArtifactHandoff

__all__ = ["HANDOFF_GONE", "HANDOFF_PARAMETER", "HANDOFF_TTL", "keep", "take"]

HANDOFF_PARAMETER = "przekazanie"
HANDOFF_TTL = 120  # seconds: the browser follows the 303 at once
_MAX_LENGTH = 2048  # an artifact is 44 characters and RelayState at most 80 bytes

HANDOFF_GONE = (
    "Ten link logowania został już użyty albo wygasł – zacznij logowanie od nowa "
    "(this login link was already used or has expired; please start again)."
)


def keep(artifact: str, relay_state: str) -> str:
    """Put the POSTed values aside; the one-time token for the GET that follows."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    ArtifactHandoff.objects.filter(expires_at__lte=now).delete()
    ArtifactHandoff.objects.create(
        token_digest=_digest(token),
        artifact=artifact[:_MAX_LENGTH],
        relay_state=relay_state[:_MAX_LENGTH],
        expires_at=now + timedelta(seconds=HANDOFF_TTL),
    )
    return token


def take(token: str) -> tuple[str, str] | None:
    """The artifact and RelayState kept under ``token``, once; None if unknown or used."""
    if not token or len(token) > 64:
        return None
    # Of two concurrent requests with the token, only the one whose DELETE removes the
    # row gets the values.
    taken = (
        ArtifactHandoff.objects.filter(token_digest=_digest(token), expires_at__gt=timezone.now())
        .values_list("pk", "artifact", "relay_state")
        .first()
    )
    if taken is None or not ArtifactHandoff.objects.filter(pk=taken[0]).delete()[0]:
        return None  # never seen, expired, or taken by a concurrent request first
    return taken[1], taken[2]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
