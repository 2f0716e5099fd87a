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
from eurzad.core.simulated_people import PEOPLE
from eurzad.demo.arms import shield_png
from eurzad.demo.budget import ensure_demo_budget
from eurzad.demo.cases import ensure_demo_cases
from eurzad.demo.credentials import demo_password
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
class SeededTown:
    official_name: str
    host: str
    editor_username: str
    editor_password: str


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
    password = demo_password(f"{town.subdomain}:{EDITOR_USERNAME}")
    with schema_context(municipality.schema_name), transaction.atomic():
        # Idempotent: brings towns seeded by an older version up to date (staff groups,
        # obligation kinds, login / channel / gateway configurations).
        provision_town(Town(municipality, host))
        site = Site.objects.get(is_default_site=True)
        home = HomePage.objects.get(pk=site.root_page_id)
        _fill_home_page(home, town)
        build_public_site(home, town)
        _demo_parties(town)
        _account_settings(town)
        ensure_demo_finances()
        _payment_gateway(town)
        ensure_demo_registers(town.subdomain)
        ensure_demo_cases()
        ensure_demo_budget(town.subdomain)
        _apply_branding(site, town)
        _editor(password)
    return SeededTown(town.official_name, host, EDITOR_USERNAME, password)


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


def _editor(password: str) -> None:
    user_model = get_user_model()
    editor, _created = user_model.objects.get_or_create(
        username=EDITOR_USERNAME,
        defaults={"first_name": "Redaktor", "last_name": "serwisu", "is_staff": False},
    )
    editor.set_password(password)
    editor.save()
    editor.groups.add(
        *Group.objects.filter(
            name__in=["Editors", RESIDENT_SERVICE_GROUP, IDENTITY_ADMIN_GROUP, FINANCE_GROUP]
        )
    )
