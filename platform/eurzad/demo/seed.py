"""Create or refresh the demo towns. Safe to run again: it updates, never duplicates."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django_tenants.utils import schema_context
from wagtail.images.models import Image
from wagtail.models import Site

from cms.models import HomePage
from cms.services import EDITORS_GROUP, MODERATORS_GROUP
from eurzad.cases.defaults import CASES_GROUP
from eurzad.channels.provisioning import INTAKE_GROUP
from eurzad.core.simulated_people import PEOPLE
from eurzad.demo.arms import shield_png
from eurzad.demo.budget import ensure_demo_budget
from eurzad.demo.cases import ensure_demo_cases
from eurzad.demo.credentials import demo_password
from eurzad.demo.eservices import ensure_demo_eservices
from eurzad.demo.finance import ensure_demo_finances
from eurzad.demo.registers import ensure_demo_registers
from eurzad.demo.site import build_public_site
from eurzad.demo.towns import DEMO_TOWNS, DemoTown
from eurzad.finance.defaults import FINANCE_GROUP
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.finance.gateways.services import ensure_simulated_gateway
from eurzad.identity.accounts import open_account
from eurzad.identity.demo import ensure_demo_account
from eurzad.identity.models import AccountSettings
from eurzad.identity.services import IDENTITY_ADMIN_GROUP, RESIDENT_SERVICE_GROUP
from eurzad.parties.models import Party
from eurzad.registers.budget.defaults import BUDGET_GROUP
from eurzad.registers.defaults import REGISTERS_GROUP
from tenants.models import Municipality
from tenants.provisioning import Town, provision_town
from tenants.services import (
    MunicipalityRequest,
    create_municipality,
    ensure_platform_host,
    finish_provisioning,
)
from themes.models import BrandingSettings
from themes.presets import PRESETS

EDITOR_USERNAME = "redaktor"


@dataclass(frozen=True)
class DemoStaff:
    """A demo account of the town's office: its login, who it is, and its groups."""

    username: str
    first_name: str
    last_name: str
    role: str  # what make demo prints beside the login
    groups: tuple[str, ...]


#: The office of a small town: the editor publishes the site (and, in a small office,
#: also looks after residents' access and the e-Urząd's settings), the moderator approves
#: what editors send for approval, the clerk handles cases, letters, registers, the
#: budget and what comes in through ePUAP / e-Doręczenia.
DEMO_STAFF = (
    DemoStaff(
        EDITOR_USERNAME,
        "Redaktor",
        "serwisu",
        "redakcja stron",
        (EDITORS_GROUP, RESIDENT_SERVICE_GROUP, IDENTITY_ADMIN_GROUP, FINANCE_GROUP),
    ),
    DemoStaff("moderator", "Moderator", "serwisu", "akceptacja stron", (MODERATORS_GROUP,)),
    DemoStaff(
        "urzednik",
        "Anna",
        "Urzędniczka",
        "sprawy, rejestry, budżet, kancelaria",
        (CASES_GROUP, REGISTERS_GROUP, BUDGET_GROUP, INTAKE_GROUP, RESIDENT_SERVICE_GROUP),
    ),
)


@dataclass(frozen=True)
class StaffLogin:
    username: str
    password: str
    role: str


@dataclass(frozen=True)
class SeededTown:
    official_name: str
    host: str
    editor_username: str
    editor_password: str
    staff: tuple[StaffLogin, ...] = ()


def seed_demo() -> list[SeededTown]:
    ensure_platform_host(settings.PLATFORM_DOMAIN)
    return [_seed_town(town) for town in DEMO_TOWNS]


def _seed_town(town: DemoTown) -> SeededTown:
    host = f"{town.subdomain}.{settings.PLATFORM_DOMAIN}"
    municipality = Municipality.objects.filter(teryt=town.teryt).first()
    if municipality is None:
        municipality = create_municipality(
            MunicipalityRequest(
                name=town.name,
                official_name=town.official_name,
                teryt=town.teryt,
                domain=host,
                schema_name=town.subdomain,
                theme_preset=town.theme,
            )
        )
    elif municipality.status == Municipality.Status.PROVISIONING:
        finish_provisioning(municipality, town.theme)
    logins = tuple(
        StaffLogin(staff.username, demo_password(f"{town.subdomain}:{staff.username}"), staff.role)
        for staff in DEMO_STAFF
    )
    with schema_context(municipality.schema_name), transaction.atomic():
        # Idempotent: brings towns seeded by an older version up to date (staff groups,
        # obligation kinds, login / channel / gateway configurations).
        provision_town(Town(municipality, host))
        site = Site.objects.get(is_default_site=True)
        home = HomePage.objects.get(pk=site.root_page_id)
        _fill_home_page(home, town)
        build_public_site(home, town)
        ensure_demo_eservices(town.subdomain)  # after the catalogue its forms attach to
        _demo_parties(town)
        _account_settings(town)
        ensure_demo_finances()
        _payment_gateway(town)
        ensure_demo_registers(town.subdomain)
        ensure_demo_cases()
        ensure_demo_budget(town.subdomain)
        _apply_branding(site, town)
        for staff, login in zip(DEMO_STAFF, logins, strict=True):
            _staff_account(staff, login.password)
    editor = logins[0]
    return SeededTown(town.official_name, host, editor.username, editor.password, logins)


def _feature(title: str, text: str, link: str = "") -> dict[str, str]:
    """An item of a home page's feature list: its title, text and where it leads."""
    return {"title": title, "text": text, "link": link}


def _fill_home_page(home: HomePage, town: DemoTown) -> None:
    if home.body:  # filled before; keep what editors changed since
        return
    home.title = town.official_name
    home.hero_title = town.hero_title
    home.hero_text = town.hero_text
    home.body = [
        (
            "features",
            {
                "heading": section["heading"],
                "items": [_feature(*item) for item in section["items"]],
            },
        )
        for section in town.sections
    ]
    home.save_revision().publish()


def _apply_branding(site: Site, town: DemoTown) -> None:
    branding = BrandingSettings.for_site(site)
    if branding.coat_of_arms is None:
        png = shield_png(*town.arms_colours, town.arms_letter)
        arms = Image(title=f"Herb – {town.official_name}")
        arms.file = ImageFile(BytesIO(png), name=f"herb-{town.subdomain}.png")
        arms.save()
        branding.coat_of_arms = arms
    for field in (
        "tagline",
        "office_name",
        "street",
        "postal_code",
        "city",
        "phone",
        "email",
        "opening_hours",
        "bip_url",
    ):
        setattr(branding, field, getattr(town, field))
    branding.display_name = town.official_name
    branding.theme_preset = town.theme
    branding.primary_colour = PRESETS[town.theme].primary_colour
    branding.accent_colour = PRESETS[town.theme].accent_colour
    branding.full_clean()
    branding.save()


def _demo_parties(town: DemoTown) -> None:
    """Residents the office knows, matching the login.gov.pl simulator's test persons.

    Zembrzyce (instant policy) knows Jan Kowalski: his first login opens his account.
    Głogów (by request) knows all three; Jan and Maria already had their access requests
    approved, Zofia has not filed one yet — her login leads to the request form.
    """
    people = PEOPLE if town.subdomain == "glogow" else PEOPLE[:1]
    for person in people:
        party, _created = Party.objects.get_or_create(
            pesel=person.pesel,
            defaults={
                "kind": Party.Kind.NATURAL,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "city": town.city,
            },
        )
        if town.account_policy == "request" and person is not PEOPLE[-1]:
            open_account(party, first_name=person.first_name, last_name=person.last_name)


def _payment_gateway(town: DemoTown) -> None:
    """Residents pay through the town's own simulated gateway: Przelewy24 in Zembrzyce,
    PayU in Głogów. Another one the town has stays enabled behind it, so payments it
    started still complete."""
    if ensure_simulated_gateway(town.gateway) is None:
        return
    GatewayConfig.objects.exclude(gateway=town.gateway).filter(order__lt=10).update(order=10)
    GatewayConfig.objects.filter(gateway=town.gateway).update(order=0, enabled=True)


def _account_settings(town: DemoTown) -> None:
    """Zembrzyce opens accounts at the first login of a known person; Głogów by access
    request only, and offers the demo account (as their portals do)."""
    account_settings = AccountSettings.load()
    account_settings.account_policy = town.account_policy
    account_settings.demo_account_enabled = town.demo_account
    account_settings.save()
    if town.demo_account:
        ensure_demo_account()


def _staff_account(staff: DemoStaff, password: str) -> None:
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        username=staff.username,
        defaults={"first_name": staff.first_name, "last_name": staff.last_name, "is_staff": False},
    )
    user.set_password(password)
    user.save()
    user.groups.add(*Group.objects.filter(name__in=staff.groups))
