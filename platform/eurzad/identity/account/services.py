"""Use cases of the resident area: what it lists, and what a resident may change there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eurzad.audit.models import AuditEvent
from eurzad.finance.money import ZERO, format_pln
from eurzad.finance.queries import last_payment_date, overdue_amount
from eurzad.identity.models import AccessRequest, Representation, Resident
from eurzad.identity.representation import active_mandates
from eurzad.parties.models import Party

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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


@dataclass(frozen=True)
class Section:
    """One section of Mój e-Urząd: a card on its home page and a link in its menu."""

    title: StrOrPromise
    url: str
    description: StrOrPromise
    status: str = ""  # a short live fact, e.g. how many notifications are unread
    current: bool = False


def account_sections(
    resident: Resident, unread: int, path: str = "", party: Party | None = None
) -> list[Section]:
    """The sections of Mój e-Urząd, in menu order; ``path`` marks the one being shown.
    ``party`` is the Party the resident acts for (their own when not given): the
    obligations' status is that Party's.

    New sections (obligations, payments, cases) are added here, and only here.
    """
    party = party or resident.party
    overdue = overdue_amount(party) if party else ZERO
    last_paid = last_payment_date(party) if party else None
    sections = [
        Section(
            _("Twoje dane"),
            reverse("account:profile"),
            _("Dane, które zna urząd, preferencje kontaktu i osoby, w których imieniu działasz."),
        ),
        Section(
            _("Zobowiązania i raty"),
            reverse("finance:obligations"),
            _("Podatki i opłaty lokalne: raty, terminy, zaległości i rachunek do wpłat."),
            status=str(_("Zaległość: %(amount)s")) % {"amount": format_pln(overdue)}
            if overdue > ZERO
            else "",
        ),
        Section(
            _("Wpłaty"),
            reverse("finance:payments"),
            _("Historia wpłat, ich rozliczenie i potwierdzenia do pobrania."),
            status=str(_("Ostatnia: %(date)s")) % {"date": last_paid.strftime("%d.%m.%Y")}
            if last_paid
            else "",
        ),
        Section(
            _("Moje wpisy w rejestrach"),
            reverse("registers:mine"),
            _("Zezwolenia, umowy dzierżawy i najmu i inne wpisy w rejestrach gminy."),
        ),
        Section(
            _("Płatności internetowe"),
            reverse("payments:list"),
            _("Koszyk rat do zapłaty online bez prowizji i stan Twoich płatności."),
        ),
        Section(
            _("Moje sprawy"),
            reverse("cases:cases"),
            _("Sprawy prowadzone przez urząd: status, terminy, pisma i czego urząd oczekuje."),
            status=_cases_status(party),
        ),
        Section(
            _("Powiadomienia"),
            reverse("account:notifications"),
            _("Wiadomości z urzędu o Twoich sprawach i zobowiązaniach."),
            status=str(_("Nieprzeczytane: %(count)d")) % {"count": unread} if unread else "",
        ),
        Section(
            _("Aplikacja mobilna"),
            reverse("account:mobile-app"),
            _("PIN do parowania telefonu i lista sparowanych urządzeń."),
        ),
        Section(
            _("Historia logowania"),
            reverse("account:login-history"),
            _("Kiedy i skąd logowano się na Twoje konto, i kiedy urząd przeglądał Twoje dane."),
        ),
    ]
    return [
        Section(s.title, s.url, s.description, s.status, current=path.startswith(s.url))
        for s in sections
    ]


def _cases_status(party: Party | None) -> str:
    """How many of the Party's cases wait for it to act; "" when none."""
    if party is None:
        return ""
    from eurzad.cases.queries import cases_of

    waiting = cases_of(party).filter(status__waiting_for_resident=True).count()
    return str(_("Czeka na Ciebie: %(count)d")) % {"count": waiting} if waiting else ""


def represented_mandates(resident: Resident) -> QuerySet[Representation]:
    """The resident's mandates valid today, by the represented Party's name."""
    return active_mandates(resident).order_by(
        "party__last_name", "party__first_name", "party__name", "pk"
    )


def party_identifier(party: Party) -> str:
    """How a Party is recognised on screen: masked PESEL, else masked NIP, never in full."""
    if party.pesel:
        return f"PESEL {party.masked_pesel}"
    if party.nip:
        return f"NIP {party.masked_nip}"
    return ""


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
