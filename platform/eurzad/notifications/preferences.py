"""What a resident chose: by which channels each kind reaches them, and in which language.

The in-portal inbox is always on. Above the per-kind choices stand the resident's master
switches ``Resident.notify_by_email`` / ``notify_by_push`` (Twoje dane): switched off, no
kind goes by that channel, whatever was chosen per kind. A person without a resident
account (an applicant for access) gets e-mail only, in Polish unless told otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from eurzad.notifications.kinds import EMAIL, PUSH, Kind, configurable_kinds, kind_named
from eurzad.notifications.models import KindPreference, NotificationPreferences

LANGUAGES = {code for code, _name in NotificationPreferences.Language.choices}


@dataclass(frozen=True)
class Choice:
    """The channels chosen for one kind (what the settings page shows)."""

    kind: Kind
    email: bool
    push: bool


def resident_of(user: Any) -> Any:
    """The user's resident account in this town, or None (staff, or nobody)."""
    if user is None:
        return None
    try:
        return user.resident
    except ObjectDoesNotExist:  # Resident.DoesNotExist: a staff account, no resident
        return None


def _stored(resident: Any) -> NotificationPreferences | None:
    return NotificationPreferences.objects.filter(resident=resident).first()


def language_for(user: Any) -> str:
    """The language the user's notifications are written in (Polish unless chosen)."""
    resident = resident_of(user)
    stored = _stored(resident) if resident is not None else None
    return stored.language if stored else settings.LANGUAGE_CODE


def choices(resident: Any) -> list[Choice]:
    """The resident's channels for every configurable kind, defaults filled in."""
    stored = _stored(resident)
    rows = {row.kind: row for row in stored.kinds.all()} if stored else {}
    out = []
    for kind in configurable_kinds():
        row = rows.get(kind.name)
        out.append(
            Choice(
                kind,
                email=row.email if row else kind.defaults[EMAIL],
                push=row.push if row else kind.defaults[PUSH],
            )
        )
    return out


def wants(resident: Any, kind_name: str, channel: str) -> bool:
    """Whether ``resident`` wants ``kind_name`` by ``channel`` (``email`` or ``push``):
    the master switch of the channel, then the choice for the kind (or its default)."""
    if resident is None or resident.is_demo:
        return False
    master = resident.notify_by_email if channel == EMAIL else resident.notify_by_push
    if not master:
        return False
    kind = kind_named(kind_name)
    if not kind.configurable:
        return True
    row = KindPreference.objects.filter(preferences__resident=resident, kind=kind.name).first()
    if row is None:
        return kind.defaults[channel]
    return row.email if channel == EMAIL else row.push


@transaction.atomic
def save_preferences(resident: Any, *, language: str, chosen: dict[str, dict[str, bool]]
                     ) -> bool:  # fmt: skip
    """Store the resident's language and, for each configurable kind named in ``chosen``,
    its channels (``{"case_letter": {"email": True, "push": False}}``). False when nothing
    was stored: the demo account is shared by many visitors and keeps its defaults."""
    if resident.is_demo:
        return False
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    stored, _created = NotificationPreferences.objects.update_or_create(
        resident=resident, defaults={"language": language}
    )
    for kind in configurable_kinds():
        if kind.name not in chosen:
            continue
        KindPreference.objects.update_or_create(
            preferences=stored,
            kind=kind.name,
            defaults={
                "email": bool(chosen[kind.name].get(EMAIL)),
                "push": bool(chosen[kind.name].get(PUSH)),
            },
        )
    return True
