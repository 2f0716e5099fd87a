"""Use cases of the mobile app that are compositions of the domain's own services: pairing
by PESEL and PIN, the Party a request acts for, and what the town shows of itself.

The rules are the domain's (``eurzad.identity.pin``, ``eurzad.identity.representation``,
``eurzad.finance``): nothing here decides who may see or pay what on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import make_password
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from cms.catalogue import find_services
from cms.models import NewsIndexPage, NewsPage, ServiceCatalogueIndexPage
from cms.models.contact import ContactPage
from eurzad.channels.addresses import town_addresses
from eurzad.core.requests import TenantRequest
from eurzad.identity.models import MobileDevice, Representation, Resident
from eurzad.identity.pin import PairingLocked, WrongPin, device_for_token, pair_device
from eurzad.identity.representation import active_mandates, parties_for
from eurzad.notifications.services import unread_count
from eurzad.parties.models import Party
from themes.models import BrandingSettings

if TYPE_CHECKING:
    from cms.models import NewsPage

OWN = "own"


# ---------------------------------------------------------------- pairing


class PairingFailed(Exception):
    """Wrong PESEL, wrong PIN, no PIN, the demo account: one answer for all of them, so
    the app cannot be used to learn whose PESEL has an account here."""


@dataclass(frozen=True)
class Pairing:
    token: str
    device: MobileDevice


def pair_with_pesel(pesel: str, pin: str, device_name: str, request: HttpRequest) -> Pairing:
    """Pair a phone with the account of the resident whose Party has this (normalised)
    PESEL, in the current town. Raises PairingFailed, or PairingLocked after five wrong
    PINs (pair_device counts them and writes the audit log)."""
    resident = (
        Resident.objects.select_related("user", "party")
        .filter(party__pesel=pesel, party__kind=Party.Kind.NATURAL)
        .first()
    )
    if resident is None or not resident.user.is_active or resident.is_demo:
        # The demo account may not have a PIN (the portal refuses it one); hash anyway so
        # an unknown PESEL takes as long to refuse as a wrong PIN.
        make_password(pin)
        raise PairingFailed
    try:
        token = pair_device(resident, pin, device_name.strip(), request=request)
    except WrongPin:
        raise PairingFailed from None
    except PairingLocked:
        raise
    device = device_for_token(token)
    assert device is not None  # just created in this town's schema
    return Pairing(token, device)


# ---------------------------------------------------------------- acting for a Party


class PartyNotFound(Exception):
    """No such Party in this town (or the resident has no Party of their own)."""


class NotRepresented(Exception):
    """The Party exists, but the resident holds no live mandate for it."""

    def __init__(self, expired: bool) -> None:
        self.expired = expired
        super().__init__()


def acting_party(resident: Resident, party_id: int | None) -> Party:
    """The Party a request acts for: the resident's own by default, else ``party_id`` if
    the resident may act for it today; the same rule (``parties_for``) as the portal's
    party switch, checked on every request."""
    if party_id is None:
        if resident.party is None:
            raise PartyNotFound
        return resident.party
    for party in parties_for(resident):
        if party.pk == party_id:
            return party
    if not Party.objects.filter(pk=party_id).exists():
        raise PartyNotFound
    expired = Representation.objects.filter(resident=resident, party_id=party_id).exists()
    raise NotRepresented(expired)


@dataclass(frozen=True)
class PartyAccess:
    """A Party the resident may act for, and how far."""

    party: Party
    scope: str  # own | view | pay
    valid_until: date | None = None

    @property
    def id(self) -> int:
        return self.party.pk

    @property
    def name(self) -> str:
        return self.party.display_name

    @property
    def kind(self) -> str:
        return self.party.kind

    @property
    def identifier(self) -> str:
        return self.party.masked_identifier


def parties_with_scope(resident: Resident) -> list[PartyAccess]:
    """The resident's own Party first, then each represented Party with its scope."""
    own = [PartyAccess(resident.party, OWN)] if resident.party else []
    return own + [
        PartyAccess(mandate.party, mandate.scope, mandate.valid_until)
        for mandate in active_mandates(resident).order_by("party__name", "party__last_name")
    ]


# ---------------------------------------------------------------- the town


@dataclass(frozen=True)
class TownProfile:
    """What the app shows about the town it is paired with (or about to be)."""

    name: str
    official_name: str
    teryt: str
    kind: str
    kind_display: str
    voivodeship: str
    branding: dict[str, Any]
    contact: dict[str, Any]
    links: dict[str, str]


def _first_live(page_model: type[Page], root: Page) -> Page | None:
    return page_model.objects.live().public().descendant_of(root).first()


def site_root(request: HttpRequest) -> Page | None:
    """The town's home page, in the request's language when it has been translated."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


def town_profile(request: TenantRequest) -> TownProfile:
    """The town of the request's host: names, codes, branding, contact data and links."""
    tenant = request.tenant
    branding = BrandingSettings.for_request(request)
    addresses = town_addresses()
    root = site_root(request)
    portal = request.build_absolute_uri("/")

    def url_of(page: Page | None) -> str:
        return (page.get_full_url(request) or "") if page is not None else ""

    contact_page = _first_live(ContactPage, root) if root else None
    logo_url = None
    if branding.coat_of_arms is not None:
        rendition = branding.coat_of_arms.get_rendition("height-160")
        logo_url = request.build_absolute_uri(rendition.url)
    departments = []
    if contact_page is not None:
        departments = [
            {
                "name": block.value.get("name", ""),
                "phone": block.value.get("phone", ""),
                "email": block.value.get("email", ""),
                "room": block.value.get("room", ""),
            }
            for block in contact_page.specific.departments
        ]
    return TownProfile(
        name=tenant.name,
        official_name=tenant.official_name,
        teryt=tenant.teryt or "",
        kind=tenant.kind,
        kind_display=str(tenant.get_kind_display()),
        voivodeship=tenant.voivodeship,
        branding={
            "display_name": branding.display_name or str(tenant),
            "tagline": branding.tagline,
            "primary_colour": branding.primary_colour,
            "accent_colour": branding.accent_colour,
            "logo_url": logo_url,
        },
        contact={
            "office_name": branding.office_name,
            "street": branding.street,
            "postal_code": branding.postal_code,
            "city": branding.city,
            "phone": branding.phone,
            "email": branding.email,
            "epuap_address": addresses.epuap,
            "edoreczenia_address": addresses.edoreczenia,
            "opening_hours": branding.opening_hours_lines,
            "departments": departments,
            "map_url": contact_page.specific.map_url if contact_page else "",
        },
        links={
            "portal": portal,
            "bip": branding.bip_url,
            "contact": url_of(contact_page),
            "news": url_of(_first_live(NewsIndexPage, root) if root else None),
            "services": url_of(_first_live(ServiceCatalogueIndexPage, root) if root else None),
        },
    )


def town_news(request: HttpRequest) -> QuerySet[NewsPage]:
    """The town's live, public news, newest first."""
    root = site_root(request)
    if root is None:
        return NewsPage.objects.none()
    return NewsPage.objects.live().public().descendant_of(root).order_by("-date", "-pk")


def town_services(request: HttpRequest, *, query: str = "", category: str = "") -> list:
    """The town's service catalogue, filtered as the portal's catalogue filters it."""
    root = site_root(request)
    catalogue = _first_live(ServiceCatalogueIndexPage, root) if root else None
    if catalogue is None:
        return []
    return find_services(
        catalogue, catalogue_url=catalogue.get_full_url(request), query=query, category=category
    )


@dataclass(frozen=True)
class Me:
    name: str
    is_demo: bool
    device: MobileDevice
    parties: list[PartyAccess] = field(default_factory=list)
    unread_notifications: int = 0


def me(device: MobileDevice) -> Me:
    """Who the paired phone belongs to, and whom they may act for."""
    resident = device.resident
    user = resident.user
    name = resident.party.display_name if resident.party else user.get_full_name()
    return Me(
        name=name or user.get_username(),
        is_demo=resident.is_demo,
        device=device,
        parties=parties_with_scope(resident),
        unread_notifications=unread_count(user),
    )


def locked_for_seconds(until: datetime) -> int:
    from django.utils import timezone

    return max(int((until - timezone.now()).total_seconds()) + 1, 1)


def refusal_message() -> str:
    return _("Błędny PESEL lub PIN.")
