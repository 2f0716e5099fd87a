"""Spam protection for forms anyone may send, without any third-party service.

Three checks: a honeypot field that people never see, a signed timestamp (a form sent
within seconds of being shown, or days later, is refused) and a per-address rate limit.
"""

from __future__ import annotations

import hashlib
import time

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

HONEYPOT = "eurzad_hp"
STAMP = "eurzad_ts"
MIN_SECONDS = 3
MAX_SECONDS = 24 * 3600
SUBMISSIONS_PER_HOUR = 10
_SALT = "eurzad.cms.forms.stamp"


def form_stamp() -> str:
    return signing.dumps(time.time(), salt=_SALT)


def too_many_submissions(request: HttpRequest, scope: str) -> bool:
    """Count a submission from this address; True past the hourly limit."""
    address = request.META.get("REMOTE_ADDR", "")
    key = f"form-rate:{scope}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"
    if cache.add(key, 1, timeout=3600):
        return False
    try:
        return cache.incr(key) > SUBMISSIONS_PER_HOUR
    except ValueError:
        return False


def stamp_problem(stamp: str, honeypot: str) -> tuple[str, str] | None:
    """Why a sent form looks like a robot's (its code and the message for a person), or
    None when it does not."""
    if honeypot:
        return "spam", _("Nie udało się wysłać formularza.")
    try:
        sent = signing.loads(stamp, salt=_SALT, max_age=MAX_SECONDS)
    except signing.BadSignature:
        return "expired", _(
            "Formularz wygasł. Wyślij go ponownie – wpisane dane zostały zachowane."
        )
    if time.time() - float(sent) < MIN_SECONDS:
        return "too_fast", _("Formularz wysłano zbyt szybko. Sprawdź odpowiedzi i wyślij ponownie.")
    return None
