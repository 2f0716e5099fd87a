"""Onboarding: everything that makes a new town's e-Urząd exist."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context
from wagtail.models import Site

from eurzad.core import outbox
from tenants.migration_state import target_state
from tenants.models import Domain, Municipality
from tenants.naming import normalise_hostname, schema_name_for, validate_schema_name
from tenants.pool import pool_size, take_spare
from tenants.provisioning import Town, provision_town
from tenants.tasks import refill_spare_pool
from tenants.teryt import kind_for, validate_teryt, voivodeship_for
from themes.services import apply_default_branding

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MunicipalityRequest:
    name: str
    official_name: str
    teryt: str
    domain: str
    schema_name: str = ""
    theme_preset: str = ""


def domains_taken(hosts: Iterable[str], *, except_town: Municipality | None = None) -> list[str]:
    """Which of ``hosts`` (normalised) already belong to a town, other than
    ``except_town``; a host name serves one town only."""
    taken = Domain.objects.filter(domain__in=list(hosts))
    if except_town is not None:
        taken = taken.exclude(tenant=except_town)
    return sorted(taken.values_list("domain", flat=True))


def domain_taken_message(host: str) -> str:
    return _("Domena %(host)s jest już zajęta.") % {"host": host}


def validate_request(request: MunicipalityRequest) -> MunicipalityRequest:
    """Check a request and fill in what can be derived; raise ``ValidationError``."""
    errors: dict[str, list[str]] = {}
    try:
        validate_teryt(request.teryt)
    except ValidationError as exc:
        errors["teryt"] = exc.messages
    try:
        domain = normalise_hostname(request.domain)
    except ValidationError as exc:
        errors["domain"] = exc.messages
        domain = request.domain
    schema_name = request.schema_name or schema_name_for(request.name)
    try:
        validate_schema_name(schema_name)
    except ValidationError as exc:
        errors["schema_name"] = exc.messages
    if schema_name.startswith("spare_"):
        errors.setdefault("schema_name", []).append(_("Prefiks spare_ jest zarezerwowany."))
    if not request.name.strip():
        errors["name"] = [_("Podaj nazwę gminy.")]
    if not errors:
        if Municipality.objects.filter(teryt=request.teryt).exists():
            errors["teryt"] = [_("Gmina o tym kodzie TERYT już istnieje.")]
        if Municipality.objects.filter(schema_name=schema_name).exists():
            errors["schema_name"] = [_("Ten schemat już istnieje.")]
        if domains_taken([domain]):
            errors["domain"] = [domain_taken_message(domain)]
    if errors:
        raise ValidationError(errors)
    return MunicipalityRequest(
        name=request.name.strip(),
        official_name=request.official_name.strip() or request.name.strip(),
        teryt=request.teryt,
        domain=domain,
        schema_name=schema_name,
        theme_preset=request.theme_preset,
    )


def create_municipality(request: MunicipalityRequest) -> Municipality:
    """Create the town's schema, host name, Wagtail site, home page and branding.

    Fast path (< 1 s): a spare schema from the pool (``tenants.pool``), already migrated
    and seeded, is renamed to the town's schema in the same transaction that creates the
    municipality, its host name, site and branding; if anything fails, the transaction
    rolls back and the spare is back in the pool. When the pool is empty the schema is
    built the stock way (all migrations; seconds) and that is logged.

    The town is ``provisioning`` (503 page) until everything exists, then ``active``.
    If anything fails, the half-made town (and its schema) is removed again.
    """
    request = validate_request(request)
    municipality = Municipality(
        schema_name=request.schema_name,
        name=request.name,
        official_name=request.official_name,
        teryt=request.teryt,
        kind=kind_for(request.teryt),
        voivodeship=voivodeship_for(request.teryt),
        status=Municipality.Status.PROVISIONING,
    )
    if _create_from_spare(municipality, request):
        logger.info(
            "Onboarded %s (%s) on %s from a spare schema",
            municipality,
            municipality.schema_name,
            request.domain,
        )
    else:
        logger.warning(
            "Spare schema pool empty: onboarding %s the slow way (all migrations)",
            request.name,
        )
        _create_stock(municipality, request)
        logger.info(
            "Onboarded %s (%s) on %s", municipality, municipality.schema_name, request.domain
        )
    transaction.on_commit(_schedule_pool_refill)
    return municipality


def _create_from_spare(municipality: Municipality, request: MunicipalityRequest) -> bool:
    with transaction.atomic():
        if not take_spare(municipality.schema_name):
            return False
        municipality.auto_create_schema = False  # the renamed spare is the schema
        municipality.migration_state = target_state()
        municipality.save(verbosity=0)
        Domain.objects.create(domain=request.domain, tenant=municipality, is_primary=True)
        finish_provisioning(municipality, request.theme_preset)
    return True


def _create_stock(municipality: Municipality, request: MunicipalityRequest) -> None:
    try:
        municipality.save(verbosity=0)  # creates the schema, runs the tenant migrations
        Domain.objects.create(domain=request.domain, tenant=municipality, is_primary=True)
        finish_provisioning(municipality, request.theme_preset)
    except Exception:
        logger.exception("Onboarding of %s failed; removing what was created", request.name)
        if municipality.pk:
            municipality.delete(force_drop=True)
        raise


def _schedule_pool_refill() -> None:
    if pool_size() == 0:  # the pool is switched off
        return
    # Through the outbox: the broker being down must not fail an onboarding.
    outbox.enqueue(refill_spare_pool)


def finish_provisioning(municipality: Municipality, theme_preset: str = "") -> None:
    """Run every app's provisioning steps in the town's schema (its seed data, home page,
    site, host-bound keys; ``tenants.provisioning``), apply the default branding and open
    the town; idempotent."""
    primary = municipality.domains.filter(is_primary=True).first()
    hostname = primary.domain if primary else ""
    with schema_context(municipality.schema_name), transaction.atomic():
        provision_town(Town(municipality, hostname))
        site = Site.objects.get(is_default_site=True)  # cms's step made it
        apply_default_branding(site, municipality, theme_preset)
    municipality.status = Municipality.Status.ACTIVE
    municipality.save(update_fields=["status", "updated_at"])


def ensure_platform_host(domain: str) -> Municipality:
    """The public schema's row and its host name (the operator console's host)."""
    platform, _created = Municipality.objects.get_or_create(
        schema_name="public",
        defaults={
            "name": "eurzad",
            "official_name": "Platforma eurzad",
            "status": Municipality.Status.ACTIVE,
        },
    )
    Domain.objects.get_or_create(
        domain=normalise_hostname(domain), defaults={"tenant": platform, "is_primary": True}
    )
    return platform
