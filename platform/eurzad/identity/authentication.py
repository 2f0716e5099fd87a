"""What this session's login.gov.pl login was: the assertion's ID, its level of
assurance and when the node authenticated the person. A submission made in the session
records it (an electronic submission authenticated through the national node)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from eurzad.identity.assertions import VerifiedIdentity

SESSION_KEY = "eurzad.identity.authentication"


@dataclass(frozen=True)
class Authentication:
    assertion_id: str
    level_of_assurance: str
    authenticated_at: str  # ISO 8601, as the node wrote it


def remember_authentication(request: HttpRequest, identity: VerifiedIdentity) -> None:
    """After login (``login()`` has rotated the session key)."""
    request.session[SESSION_KEY] = {
        "assertion_id": identity.assertion_id,
        "level_of_assurance": identity.level_of_assurance,
        "authenticated_at": identity.authenticated_at,
    }


def authentication_of(request: HttpRequest) -> Authentication | None:
    """This session's login.gov.pl login, or None (another kind of login, or none)."""
    stored = getattr(request, "session", {}).get(SESSION_KEY)
    if not stored or not stored.get("assertion_id"):
        return None
    return Authentication(**stored)
