"""A town's lifecycle: onboarding (with its first editor), domains, suspension and
reactivation, deletion after archiving, the town list, and the check that no archive or
restore job of the town is open meanwhile."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists
from wagtail.models import Site

from cms.services import set_up_editor_groups
from eurzad.accounts.models import User
from eurzad.audit.models import AuditEvent
from eurzad.core.private_files import town_files
from tenants.console.models import LifecycleJob
from tenants.console.services.actions import Actor, LifecycleError, record
from tenants.models import Domain, Municipality
from tenants.naming import normalise_hostname
from tenants.services import (
    MunicipalityRequest,
    create_municipality,
    domain_taken_message,
    domains_taken,
)

EDITORS_GROUP = "Editors"


# --- archive / restore jobs in progress (tenants.console.jobs runs them) -----------------


def fail_interrupted_jobs() -> int:
    """Mark failed the jobs whose worker died while running them (still *running* after
    ``LIFECYCLE_JOB_TIME_LIMIT_SECONDS``); returns how many."""
    stale = timezone.now() - timedelta(seconds=settings.LIFECYCLE_JOB_TIME_LIMIT_SECONDS)
    return LifecycleJob.objects.filter(
        status=LifecycleJob.Status.RUNNING, started_at__lt=stale
    ).update(
        status=LifecycleJob.Status.FAILED,
        finished_at=timezone.now(),
        error="Przerwane: przekroczony limit czasu lub zatrzymany proces (interrupted).",
    )


def open_job(schema_name: str) -> LifecycleJob | None:
    """The town's queued or running archive / restore job, if any."""
    fail_interrupted_jobs()
    return (
        LifecycleJob.objects.filter(
            town_schema=schema_name,
            status__in=[LifecycleJob.Status.QUEUED, LifecycleJob.Status.RUNNING],
        )
        .order_by("created_at")
        .first()
    )


def refuse_while_job_open(schema_name: str) -> None:
    """``LifecycleError`` while an archive or restore of the town is queued or running:
    a change in the middle would be lost (or half in the export)."""
    busy = open_job(schema_name)
    if busy is not None:
        raise LifecycleError(
            _("Dla gminy %(schema)s trwa już zadanie: %(job)s.")
            % {"schema": schema_name, "job": busy.get_kind_display()}
        )


# --- reading -----------------------------------------------------------------------------


# How the town list can be ordered: URL value → ORDER BY.
TOWN_ORDERINGS: dict[str, tuple[Any, ...]] = {
    "nazwa": ("name", "pk"),
    "aktywnosc": (F("last_seen_at").desc(nulls_last=True), "name"),
    "bez-aktywnosci": (F("last_seen_at").asc(nulls_first=True), "name"),
    "utworzone": ("-created_at", "-pk"),
}


def towns(query: str = "", status: str = "", order: str = "nazwa") -> QuerySet[Municipality]:
    """Towns (never the platform row), searched by name, TERYT, schema or domain, in one of
    the :data:`TOWN_ORDERINGS` (by name when ``order`` is not one of them)."""
    result = Municipality.objects.exclude(schema_name="public").prefetch_related("domains")
    if query:
        result = result.filter(
            Q(name__icontains=query)
            | Q(official_name__icontains=query)
            | Q(teryt__startswith=query)
            | Q(schema_name__icontains=query)
            | Q(domains__domain__icontains=query)
        ).distinct()
    if status:
        result = result.filter(status=status)
    return result.order_by(*TOWN_ORDERINGS.get(order, TOWN_ORDERINGS["nazwa"]))


def last_activity(town: Municipality) -> Any:
    """The latest thing that happened in the town (login, audit entry, payment) — read
    from the town's own tables; for the detail page only (one schema at a time)."""
    if town.status == Municipality.Status.ARCHIVED or not schema_exists(town.schema_name):
        return None
    candidates = []
    with schema_context(town.schema_name):
        candidates.append(
            User.objects.exclude(last_login=None)
            .order_by("-last_login")
            .values_list("last_login", flat=True)
            .first()
        )
        candidates.append(AuditEvent.objects.order_by("-at").values_list("at", flat=True).first())
    return max((c for c in candidates if c), default=None)


# --- onboarding --------------------------------------------------------------------------


@dataclass(frozen=True)
class OnboardRequest:
    name: str
    official_name: str
    teryt: str
    subdomain: str
    schema_name: str = ""
    theme_preset: str = ""
    custom_domains: list[str] = field(default_factory=list)
    editor_email: str = ""
    kind: str = ""
    voivodeship: str = ""


def subdomain_host(subdomain: str) -> str:
    subdomain = subdomain.strip().lower()
    if "." in subdomain:
        return normalise_hostname(subdomain)
    return normalise_hostname(f"{subdomain}.{settings.PLATFORM_DOMAIN}")


def onboard(actor: Actor, request: OnboardRequest, *, base_url: str = "") -> Municipality:
    """Create the town (schema, site, branding), its custom domains and invite its first
    editor. Raises ``ValidationError`` with field errors before creating anything."""
    custom = [normalise_hostname(host) for host in request.custom_domains if host.strip()]
    taken = domains_taken(custom)
    if taken:
        raise ValidationError({"custom_domains": [domain_taken_message(h) for h in taken]})
    town = create_municipality(
        MunicipalityRequest(
            name=request.name,
            official_name=request.official_name,
            teryt=request.teryt,
            domain=subdomain_host(request.subdomain),
            schema_name=request.schema_name,
            theme_preset=request.theme_preset,
        )
    )
    changed: list[str] = []
    if request.kind and request.kind != town.kind:
        town.kind, changed = request.kind, [*changed, "kind"]
    if request.voivodeship and request.voivodeship != town.voivodeship:
        town.voivodeship, changed = request.voivodeship, [*changed, "voivodeship"]
    if changed:
        town.save(update_fields=[*changed, "updated_at"])
    for host in custom:
        Domain.objects.create(domain=host, tenant=town, is_primary=False)
    record(
        actor,
        "onboard",
        town,
        {"teryt": town.teryt, "domains": [d.domain for d in town.domains.all()]},
    )
    if request.editor_email:
        invite_editor(actor, town, request.editor_email, base_url=base_url)
    return town


def town_url(town: Municipality, base_url: str = "") -> str:
    """``https://<primary host>`` (or the scheme and port of ``base_url``)."""
    primary = town.domains.filter(is_primary=True).first()
    host = primary.domain if primary else ""
    scheme, port = "https", ""
    if base_url:
        parts = urlsplit(base_url)
        scheme = parts.scheme or "https"
        port = f":{parts.port}" if parts.port else ""
    return f"{scheme}://{host}{port}"


def invite_editor(actor: Actor, town: Municipality, email: str, *, base_url: str = "") -> str:
    """Create (or find) the editor account in the town's schema, in the Editors group,
    and e-mail a one-time link to set the password (Wagtail's password reset page on
    the town's host). Returns the link."""
    email = email.strip().lower()
    user_model = get_user_model()
    with schema_context(town.schema_name):
        set_up_editor_groups()
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_model(username=email[:150], email=email, is_staff=False)
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        path = reverse(
            "wagtailadmin_password_reset_confirm",
            urlconf=settings.ROOT_URLCONF,
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    link = town_url(town, base_url) + path
    send_mail(
        _("Zaproszenie do redagowania e-Urzędu: %(town)s") % {"town": town.official_name},
        _(
            "Dzień dobry,\n\nzałożyliśmy dla Pani/Pana konto redaktora e-Urzędu %(town)s "
            "(login: %(username)s).\nHasło ustawi Pani/Pan pod adresem (link jednorazowy):\n\n"
            "%(link)s\n\nPotem panel redakcyjny: %(admin)s\n"
        )
        % {
            "town": town.official_name,
            "username": user.get_username(),
            "link": link,
            "admin": town_url(town, base_url) + "/admin/",
        },
        None,
        [email],
    )
    record(actor, "invite_editor", town, {"email": email})
    return link


# --- domains -----------------------------------------------------------------------------


def set_domains(actor: Actor, town: Municipality, hosts: list[str], primary: str) -> None:
    """Make the town answer exactly on ``hosts`` with ``primary`` the main one. Routing
    caches are invalidated by the Domain signals."""
    refuse_while_job_open(town.schema_name)
    wanted: list[str] = []
    errors: list[str] = []
    for host in hosts:
        if not host.strip():
            continue
        try:
            normalised = normalise_hostname(host)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if normalised not in wanted:
            wanted.append(normalised)
    try:
        primary = normalise_hostname(primary) if primary else (wanted[0] if wanted else "")
    except ValidationError as exc:
        errors.extend(exc.messages)
    if not wanted:
        errors.append(_("Gmina musi mieć co najmniej jedną domenę."))
    elif primary not in wanted:
        errors.append(_("Domena główna musi być jedną z domen gminy."))
    errors.extend(domain_taken_message(host) for host in domains_taken(wanted, except_town=town))
    if errors:
        raise ValidationError({"domains": errors})
    before = sorted(town.domains.values_list("domain", flat=True))
    with transaction.atomic():
        town.domains.exclude(domain__in=wanted).delete()
        existing = {d.domain: d for d in town.domains.all()}
        # Demote first: only one primary at any moment.
        for domain in existing.values():
            if domain.is_primary and domain.domain != primary:
                domain.is_primary = False
                domain.save(update_fields=["is_primary"])
        for host in wanted:
            domain = existing.get(host) or Domain(domain=host, tenant=town)
            if domain.pk is None or domain.is_primary != (host == primary):
                domain.is_primary = host == primary
                domain.save()
        _sync_wagtail_hostname(town, primary)
    record(actor, "set_domains", town, {"before": before, "after": wanted, "primary": primary})


def _sync_wagtail_hostname(town: Municipality, primary: str) -> None:
    if not schema_exists(town.schema_name):
        return
    with schema_context(town.schema_name):
        Site.objects.filter(is_default_site=True).update(hostname=primary)


# --- status, deletion --------------------------------------------------------------------


def set_status(town: Municipality, status: str) -> None:
    """Change the town's status without a record (the caller records why)."""
    town.status = status
    town.save(update_fields=["status", "updated_at"])


def suspend(actor: Actor, town: Municipality, reason: str = "") -> None:
    """The town's host answers 503 with a page saying the e-Urząd is suspended."""
    refuse_while_job_open(town.schema_name)
    if town.status != Municipality.Status.ACTIVE:
        raise LifecycleError(_("Zawiesić można tylko aktywną gminę."))
    set_status(town, Municipality.Status.SUSPENDED)
    record(actor, "suspend", town, {"reason": reason})


def reactivate(actor: Actor, town: Municipality) -> None:
    """Serve a suspended town again."""
    refuse_while_job_open(town.schema_name)
    if town.status != Municipality.Status.SUSPENDED:
        raise LifecycleError(_("Przywrócić można tylko zawieszoną gminę."))
    set_status(town, Municipality.Status.ACTIVE)
    record(actor, "reactivate", town)


def delete(actor: Actor, town: Municipality, confirm_name: str) -> None:
    """Drop an archived town for good: its schema, rows and media. ``confirm_name`` must
    be the town's name (or official name), as typed by the operator."""
    refuse_while_job_open(town.schema_name)
    if town.status != Municipality.Status.ARCHIVED:
        raise LifecycleError(_("Usunąć można tylko zarchiwizowaną gminę."))
    if confirm_name.strip() not in {town.name, town.official_name}:
        raise LifecycleError(_("Wpisz nazwę gminy, aby potwierdzić usunięcie."))
    record(actor, "delete", town, {"domains": list(town.domains.values_list("domain", flat=True))})
    schema_name = town.schema_name
    town.delete(force_drop=True)
    remove_town_files(schema_name)


def town_media_dir(schema_name: str) -> Path:
    """The town's public media (Wagtail images and documents)."""
    return Path(settings.MEDIA_ROOT) / schema_name


def remove_town_files(schema_name: str) -> None:
    """Remove the town's public media and private files (the town is gone)."""
    shutil.rmtree(town_media_dir(schema_name), ignore_errors=True)
    town_files.delete_town_files(schema_name)
