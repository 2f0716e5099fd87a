"""The operators' second factor: TOTP (RFC 6238, 6 digits, 30 s, ±1 step) with replay
protection and lockout, and one-time recovery codes."""

from __future__ import annotations

import hmac
import secrets
import time
from datetime import timedelta

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eurzad.core import keys
from tenants.console.models import Operator, RecoveryCode

ISSUER = "eurzad"
STEP_SECONDS = 30
RECOVERY_CODES = 10


class Locked(Exception):
    """Too many wrong codes: the operator must wait."""


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(operator: Operator, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(
        name=operator.user.get_username(), issuer_name=ISSUER
    )


def qr_svg(uri: str) -> str:
    """The provisioning URI as an inline SVG QR code (no external image)."""
    return segno.make(uri, error="m").svg_inline(scale=4, title="Kod QR do aplikacji 2FA")


def _matching_step(secret: str, code: str, now: float) -> int | None:
    code = (code or "").strip().replace(" ", "")
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int(now) // STEP_SECONDS
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def verify_totp(operator: Operator, code: str, *, secret: str | None = None,
                now: float | None = None) -> bool:  # fmt: skip
    """Check a code of the operator's app; a code (its step or an earlier one) is accepted
    once only. Raises ``Locked`` while the operator is locked out."""
    with transaction.atomic():
        locked = Operator.objects.select_for_update().get(pk=operator.pk)
        if locked.locked_until and locked.locked_until > timezone.now():
            raise Locked
        step = _matching_step(secret or locked.totp_secret, code, now or time.time())
        if step is not None and step > locked.last_totp_step:
            locked.last_totp_step = step
            locked.failed_attempts = 0
            locked.locked_until = None
            locked.save(update_fields=["last_totp_step", "failed_attempts", "locked_until"])
            operator.last_totp_step = step
            return True
        _count_failure(locked)
        return False


def _count_failure(operator: Operator) -> None:
    operator.failed_attempts += 1
    if operator.failed_attempts >= settings.CONSOLE_TOTP_MAX_FAILURES:
        operator.locked_until = timezone.now() + timedelta(
            seconds=settings.CONSOLE_TOTP_LOCKOUT_SECONDS
        )
        operator.failed_attempts = 0
    operator.save(update_fields=["failed_attempts", "locked_until"])


def _hash(code: str) -> str:
    return keys.digest(code.strip().lower().replace("-", ""))


def issue_recovery_codes(operator: Operator) -> list[str]:
    """New recovery codes (the old ones stop working); returned once, stored hashed."""
    codes = [f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        operator.recovery_codes.all().delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(operator=operator, code_hash=_hash(code)) for code in codes
        )
    return codes


def use_recovery_code(operator: Operator, code: str) -> bool:
    """Spend a recovery code; wrong ones count towards the lockout like TOTP codes."""
    with transaction.atomic():
        locked = Operator.objects.select_for_update().get(pk=operator.pk)
        if locked.locked_until and locked.locked_until > timezone.now():
            raise Locked
        spent = RecoveryCode.objects.filter(
            operator=locked, code_hash=_hash(code), used_at__isnull=True
        ).update(used_at=timezone.now())
        if spent:
            return True
        _count_failure(locked)
        return False


def confirm_enrolment(operator: Operator, secret: str, code: str) -> list[str] | None:
    """First login: the code proves the app holds ``secret``; returns the recovery codes."""
    if not verify_totp(operator, code, secret=secret):
        return None
    operator.totp_secret = secret
    operator.totp_confirmed_at = timezone.now()
    operator.save(update_fields=["totp_secret", "totp_confirmed_at"])
    return issue_recovery_codes(operator)
