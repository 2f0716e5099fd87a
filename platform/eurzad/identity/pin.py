"""The mobile-app PIN and device pairing: the PIN (4–8 digits, hashed) is exchanged for a
device token; five wrong PINs lock pairing for fifteen minutes."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.core import keys
from eurzad.identity.models import MobileDevice, Resident

PIN_RE = re.compile(r"\d{4,8}")
MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)


class PairingLocked(Exception):
    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(
            _("Zbyt wiele błędnych PIN-ów. Parowanie jest zablokowane do %(time)s.")
            % {"time": timezone.localtime(until).strftime("%H:%M")}
        )


class WrongPin(Exception):
    def __init__(self, attempts_left: int) -> None:
        self.attempts_left = attempts_left
        super().__init__(
            _("Błędny PIN; pozostało prób: %(left)d (wrong PIN; attempts left: %(left)d).")
            % {"left": attempts_left}
        )


def set_pin(resident: Resident, pin: str, request: HttpRequest | None = None) -> None:
    """Set or change the PIN (4–8 digits); it is stored only as a password hash."""
    if not PIN_RE.fullmatch(pin or ""):
        raise ValidationError(_("PIN musi mieć od 4 do 8 cyfr."), code="pin")
    if len(set(pin)) == 1:
        raise ValidationError(
            _("PIN nie może składać się z jednej powtórzonej cyfry."),
            code="pin_simple",
        )
    resident.pin_hash = make_password(pin)
    resident.pin_failures = 0
    resident.pairing_locked_until = None
    resident.save(update_fields=["pin_hash", "pin_failures", "pairing_locked_until"])
    record(AuditEvent.Action.PIN_SET, request=request, user=resident.user, party=resident.party)


def pair_device(
    resident: Resident, pin: str, device_name: str, request: HttpRequest | None = None
) -> str:
    """Exchange the PIN for a new device token; the token is returned once, never stored."""
    refusal: Exception | None = None
    with transaction.atomic():
        # The row lock makes parallel guesses count one by one.
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
        now = timezone.now()
        if resident.pairing_locked_until and resident.pairing_locked_until > now:
            refusal = PairingLocked(resident.pairing_locked_until)
        elif not resident.pin_hash or not check_password(pin, resident.pin_hash):
            resident.pin_failures += 1
            left = MAX_FAILURES - resident.pin_failures
            if left <= 0:
                resident.pairing_locked_until = now + LOCK_FOR
                resident.pin_failures = 0
                refusal = PairingLocked(resident.pairing_locked_until)
            else:
                refusal = WrongPin(left)
            resident.save(update_fields=["pin_failures", "pairing_locked_until"])
            record(
                AuditEvent.Action.PIN_FAILED, request=request, user=resident.user,
                party=resident.party, method="mobile",
            )  # fmt: skip
        else:
            resident.pin_failures = 0
            resident.save(update_fields=["pin_failures"])
            token = keys.new_secret()
            MobileDevice.objects.create(
                resident=resident,
                name=device_name[:80] or "telefon",
                token_hash=keys.digest(token),
            )
    if refusal is not None:  # raised after commit, so the failure count is kept
        raise refusal
    record(
        AuditEvent.Action.DEVICE_PAIRED, request=request, user=resident.user,
        party=resident.party, method="mobile", device=device_name[:80],
    )  # fmt: skip
    return token


def revoke_device(device: MobileDevice, request: HttpRequest | None = None) -> None:
    device.revoked_at = timezone.now()
    device.save(update_fields=["revoked_at"])
    resident = device.resident
    record(
        AuditEvent.Action.DEVICE_REVOKED, request=request, user=resident.user,
        party=resident.party, device=device.name,
    )  # fmt: skip


def device_for_token(token: str) -> MobileDevice | None:
    """The live device a token belongs to (revoked tokens stop working at once)."""
    return (
        MobileDevice.objects.select_related("resident__party")
        .filter(token_hash=keys.digest(token), revoked_at__isnull=True)
        .first()
    )
