"""Use cases of identity's pages of the resident area: what they list, and what a resident
may change there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eurzad.audit.models import AuditEvent
from eurzad.identity.models import AccessRequest, Representation, Resident
from eurzad.identity.representation import active_mandates

# The resident's own events shown in their login history.
OWN_EVENTS = (
    AuditEvent.Action.LOGIN,
    AuditEvent.Action.LOGIN_FAILED,
    AuditEvent.Action.LOGOUT,
    AuditEvent.Action.PIN_SET,
    AuditEvent.Action.PIN_FAILED,
    AuditEvent.Action.DEVICE_PAIRED,
    AuditEvent.Action.DEVICE_REVOKED,
)
METHOD_LABELS = {
    "login.gov.pl": _("login.gov.pl"),
    "mobile": _("aplikacja mobilna"),
}


def represented_mandates(resident: Resident) -> QuerySet[Representation]:
    """The resident's mandates valid today, by the represented Party's name."""
    return active_mandates(resident).order_by(
        "party__last_name", "party__first_name", "party__name", "pk"
    )


def save_contact_preferences(
    resident: Resident, *, email: str, notify_by_email: bool, notify_by_push: bool
) -> bool:
    """Store how the resident wants to be notified; False when nothing was stored.

    A demo account is a sandbox shown to many visitors: an e-mail address typed into it
    would be shown to the next visitor, so nothing is stored.
    """
    if resident.is_demo:
        return False
    user = resident.user
    user.email = email
    user.save(update_fields=["email"])
    resident.notify_by_email = notify_by_email
    resident.notify_by_push = notify_by_push
    resident.save(update_fields=["notify_by_email", "notify_by_push"])
    return True


def pairing_locked_until(resident: Resident) -> datetime | None:
    """Until when pairing a phone is locked after too many wrong PINs, if it is now."""
    until = resident.pairing_locked_until
    return until if until and until > timezone.now() else None


def login_history(resident: Resident) -> QuerySet[AuditEvent]:
    """The resident's own login, PIN and device events, and every time staff viewed the
    personal data of the resident's Party; newest first."""
    shown = Q(user=resident.user, action__in=OWN_EVENTS)
    if resident.party_id:
        shown |= Q(action=AuditEvent.Action.PERSONAL_DATA_VIEWED, party_id=resident.party_id)
    return AuditEvent.objects.filter(shown).order_by("-at", "-pk")


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the login history as the resident sees it."""

    at: datetime
    event: str
    method: str
    ip_address: str
    by_office: bool


def history_entry(event: AuditEvent) -> HistoryEntry:
    """What a resident is shown of an audit event: staff views name the office, never the
    clerk, nor the office's internal network address."""
    if event.action == AuditEvent.Action.PERSONAL_DATA_VIEWED:
        return HistoryEntry(event.at, str(_("Urząd: wgląd w Twoje dane")), "", "", True)
    label = str(event.get_action_display())
    device = _detail(event.details, "device")
    if device:
        label = f"{label}: {device}"
    method = str(METHOD_LABELS.get(event.method, event.method))
    return HistoryEntry(event.at, label, method, event.ip_address or "", False)


def _detail(details: Any, key: str) -> str:
    value = details.get(key) if isinstance(details, dict) else None
    return str(value)[:80] if value else ""


def own_access_requests(resident: Resident) -> QuerySet[AccessRequest]:
    """The resident's own access requests (by their PESEL), newest first."""
    if resident.party is None or not resident.party.pesel:
        return AccessRequest.objects.none()
    return AccessRequest.objects.filter(pesel=resident.party.pesel).order_by("-submitted_at")
