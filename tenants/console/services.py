"""The lifecycle of a town, one service per use case, used alike by the console views,
the ``town`` management command and the operator API. Every service records an
:class:`OperatorAction`."""

from __future__ import annotations

import getpass
import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

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

from eurzad.core.postgresql.connection import connection
from eurzad.core.private_files import town_files
from tenants.console.models import ActedBy, LifecycleJob, Operator, OperatorAction
from tenants.models import Domain, Municipality
from tenants.naming import normalise_hostname, validate_schema_name
from tenants.services import (
    MunicipalityRequest,
    create_municipality,
    domain_taken_message,
    domains_taken,
)

logger = logging.getLogger(__name__)

EDITORS_GROUP = "Editors"
MANIFEST = "manifest.json"
DUMP = "schema.dump"
MEDIA = "media"
PRIVATE = "private"  # the town's private files (format 2 on)
FORMAT_VERSION = 2


class LifecycleError(Exception):
    """An operation that is not allowed in the town's present state (HTTP 409)."""


@dataclass(frozen=True)
class Actor:
    """Who acts: an operator from the console or API, or an OS user of the commands."""

    name: str
    operator: Operator | None = None
    ip_address: str | None = None
    channel: str = "console"

    @classmethod
    def for_operator(cls, operator: Operator, ip: str | None, channel: str) -> Actor:
        return cls(operator.user.get_username(), operator, ip, channel)

    @classmethod
    def of(cls, record: ActedBy) -> Actor:
        """The actor a stored record names (a job runs as whoever asked for it)."""
        return cls(record.operator_name, record.operator, record.ip_address, record.channel)

    def stamp(self) -> dict[str, Any]:
        """The :class:`ActedBy` fields of a record this actor makes."""
        return {
            "operator_name": self.name,
            "operator": self.operator,
            "ip_address": self.ip_address,
            "channel": self.channel,
        }

    @classmethod
    def for_command(cls, name: str = "") -> Actor:
        if name:
            operator = Operator.objects.filter(user__username=name).select_related("user").first()
            return cls(name, operator, None, "command")
        return cls(f"os:{getpass.getuser()}", None, None, "command")


def record(actor: Actor, action: str, town: Municipality | None = None,
           details: dict[str, Any] | None = None, *, town_schema: str = "",
           town_name: str = "") -> OperatorAction:  # fmt: skip
    """Append one entry to the operators' audit log (``town_schema`` and ``town_name``
    name a town that has no row: not restored yet, or deleted)."""
    return OperatorAction.objects.create(
        **actor.stamp(),
        action=action,
        town_schema=town.schema_name if town else town_schema,
        town_name=(town.official_name or town.name) if town else town_name,
        details=details or {},
    )


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
            _(
                "Dla gminy %(schema)s trwa już zadanie: %(job)s "
                "(another archive or restore is in progress)."
            )
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
    from eurzad.accounts.models import User
    from eurzad.audit.models import AuditEvent

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
        from urllib.parse import urlsplit

        parts = urlsplit(base_url)
        scheme = parts.scheme or "https"
        port = f":{parts.port}" if parts.port else ""
    return f"{scheme}://{host}{port}"


def invite_editor(actor: Actor, town: Municipality, email: str, *, base_url: str = "") -> str:
    """Create (or find) the editor account in the town's schema, in the Editors group,
    and e-mail a one-time link to set the password (Wagtail's password reset page on
    the town's host). Returns the link."""
    from cms.services import set_up_editor_groups

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
        errors.append(_("Gmina musi mieć co najmniej jedną domenę (at least one domain)."))
    elif primary not in wanted:
        errors.append(
            _("Domena główna musi być jedną z domen gminy (primary must be one of the domains).")
        )
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
    from wagtail.models import Site

    with schema_context(town.schema_name):
        Site.objects.filter(is_default_site=True).update(hostname=primary)


# --- status ------------------------------------------------------------------------------


def _set_status(town: Municipality, status: str) -> None:
    town.status = status
    town.save(update_fields=["status", "updated_at"])


def suspend(actor: Actor, town: Municipality, reason: str = "") -> None:
    """The town's host answers 503 with a page saying the e-Urząd is suspended."""
    refuse_while_job_open(town.schema_name)
    if town.status != Municipality.Status.ACTIVE:
        raise LifecycleError(
            _("Zawiesić można tylko aktywną gminę (only an active town can be suspended).")
        )
    _set_status(town, Municipality.Status.SUSPENDED)
    record(actor, "suspend", town, {"reason": reason})


def reactivate(actor: Actor, town: Municipality) -> None:
    """Serve a suspended town again."""
    refuse_while_job_open(town.schema_name)
    if town.status != Municipality.Status.SUSPENDED:
        raise LifecycleError(
            _("Przywrócić można tylko zawieszoną gminę (only a suspended town can be reactivated).")
        )
    _set_status(town, Municipality.Status.ACTIVE)
    record(actor, "reactivate", town)


# --- archive, restore, delete ------------------------------------------------------------


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump / pg_restore: those of Django's connection, where
    a socket folder may come as ``?host=`` in DATABASE_URL (the embedded database)."""
    db = connection.settings_dict
    options = db.get("OPTIONS") or {}
    args = ["--dbname", str(db["NAME"]), "--username", str(db["USER"] or "postgres")]
    host = db.get("HOST") or options.get("host")
    port = db.get("PORT") or options.get("port")
    if host:
        args += ["--host", str(host)]
    if port:
        args += ["--port", str(port)]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return args, env


def _pg_program(name: str) -> str:
    """``pg_dump`` / ``pg_restore`` from PG_BIN_DIR, else from PATH."""
    return str(Path(settings.PG_BIN_DIR) / name) if settings.PG_BIN_DIR else name


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise LifecycleError(f"{command[0]}: {result.stderr.strip()[:2000]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_dir(schema_name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / schema_name


def _migrations(schema_name: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT app, max(name) FROM "{schema_name}".django_migrations GROUP BY app'  # noqa: S608
        )
        return dict(cursor.fetchall())


def check_archivable(town: Municipality) -> None:
    """Raise ``LifecycleError`` unless the town may be archived (active or suspended)."""
    if town.status not in {Municipality.Status.ACTIVE, Municipality.Status.SUSPENDED}:
        raise LifecycleError(
            _(
                "Zarchiwizować można gminę aktywną lub zawieszoną "
                "(town must be active or suspended)."
            )
        )


def archive(actor: Actor, town: Municipality) -> Path:
    """Export the town (schema dump, media, manifest) to a ``.tar.gz`` under ARCHIVE_ROOT
    and mark it archived (its host then answers 410). Takes as long as the dump: the
    console and the API run it as a :mod:`~tenants.console.jobs` job in a worker."""
    check_archivable(town)
    root = Path(settings.ARCHIVE_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
    target = root / f"{town.schema_name}-{stamp}.tar.gz"
    args, env = _pg_env()
    with tempfile.TemporaryDirectory(dir=root) as work:
        dump = Path(work) / DUMP
        _run(
            [
                _pg_program("pg_dump"),
                *args,
                f"--schema={town.schema_name}",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(dump),
            ],
            env,
        )
        media = _media_dir(town.schema_name)
        media_files = (
            {
                str(path.relative_to(media)): _sha256(path)
                for path in sorted(media.rglob("*"))
                if path.is_file()
            }
            if media.is_dir()
            else {}
        )
        manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "created_by": actor.name,
            "town": {
                "schema_name": town.schema_name,
                "name": town.name,
                "official_name": town.official_name,
                "teryt": town.teryt,
                "kind": town.kind,
                "voivodeship": town.voivodeship,
                "status_before": town.status,
                "features": town.features,
                "created_at": town.created_at.isoformat(),
            },
            "domains": [
                {"domain": d.domain, "is_primary": d.is_primary}
                for d in town.domains.order_by("-is_primary", "domain")
            ],
            "versions": {
                "postgresql": connection.pg_version,
                "migrations": _migrations(town.schema_name),
            },
            "checksums": {
                DUMP: _sha256(dump),
                "media": media_files,
                PRIVATE: town_files.checksums(town.schema_name),
            },
        }
        partial = Path(work) / target.name  # moved into place only when complete
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=DUMP)
            if media.is_dir():
                tar.add(media, arcname=MEDIA)
            _add_private_files(tar, town.schema_name, manifest["checksums"][PRIVATE])
        partial.replace(target)
    _set_status(town, Municipality.Status.ARCHIVED)
    record(actor, "archive", town, {"file": str(target), "sha256": _sha256(target)})
    logger.info("Archived %s to %s", town.schema_name, target)
    return target


def _add_private_files(tar: tarfile.TarFile, schema_name: str, names: dict[str, str]) -> None:
    """The town's private files into the export, read through the private storage (a
    folder or a bucket)."""
    for name in names:
        size, handle = town_files.read_town_file(schema_name, name)
        with handle:
            info = tarfile.TarInfo(f"{PRIVATE}/{name}")
            info.size = size
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, handle)


def read_manifest(export: Path) -> dict[str, Any]:
    with tarfile.open(export, "r:gz") as tar:
        member = tar.extractfile(MANIFEST)
        if member is None:
            raise LifecycleError(_("W archiwum brak manifestu (no manifest in the export)."))
        return json.load(member)


def resolve_export(name: str) -> Path:
    """An export given by its file name (under ARCHIVE_ROOT) or an absolute path."""
    root = Path(settings.ARCHIVE_ROOT).resolve()
    path = Path(name)
    path = (path if path.is_absolute() else root / path).resolve()
    if not path.is_file():
        raise LifecycleError(_("Nie ma takiego archiwum (no such export): %s") % name)
    return path


def check_restorable(export: Path, schema_name: str = "") -> tuple[dict[str, Any], str]:
    """The export's manifest and the schema it would be restored to; ``LifecycleError``
    when the schema, the TERYT code or a domain is taken, or the original schema still
    exists while a new name is asked for."""
    manifest = read_manifest(export)
    original = manifest["town"]["schema_name"]
    schema_name = schema_name or original
    validate_schema_name(schema_name)
    if Municipality.objects.filter(schema_name=schema_name).exists() or schema_exists(schema_name):
        raise LifecycleError(
            _("Schemat %(schema)s jest zajęty – usuń gminę albo podaj inną nazwę (schema taken).")
            % {"schema": schema_name}
        )
    if schema_name != original and schema_exists(original):
        raise LifecycleError(
            _(
                "Schemat %(schema)s z archiwum wciąż istnieje; odtworzenie pod nową nazwą wymaga "
                "jego usunięcia (original schema still exists)."
            )
            % {"schema": original}
        )
    if Municipality.objects.filter(teryt=manifest["town"]["teryt"]).exists():
        raise LifecycleError(_("Gmina o tym kodzie TERYT już istnieje (TERYT already used)."))
    taken = domains_taken(d["domain"] for d in manifest["domains"])
    if taken:
        raise LifecycleError(" ".join(domain_taken_message(host) for host in taken))
    return manifest, schema_name


def restore(actor: Actor, export: Path, schema_name: str = "") -> Municipality:
    """Bring a town back from its export: the schema (under its own or a new name), the
    Municipality and Domain rows and the media. The town comes back ``suspended`` when it
    was suspended before archiving, ``active`` otherwise. Takes as long as the restore:
    the console and the API run it as a :mod:`~tenants.console.jobs` job in a worker."""
    manifest, schema_name = check_restorable(export, schema_name)
    original = manifest["town"]["schema_name"]
    try:
        _restore_schema_and_media(export, manifest, schema_name)
        town = _restore_rows(manifest, schema_name)
    except BaseException:
        # check_restorable made sure neither schema existed: nothing half-restored stays.
        with connection.cursor() as cursor:
            for name in {original, schema_name}:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        shutil.rmtree(_media_dir(schema_name), ignore_errors=True)
        town_files.delete_town_files(schema_name)
        raise
    _migrate_if_behind(town)
    record(actor, "restore", town, {"file": str(export), "from_schema": original})
    return town


def _restore_schema_and_media(export: Path, manifest: dict[str, Any], schema_name: str) -> None:
    original = manifest["town"]["schema_name"]
    args, env = _pg_env()
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(export, "r:gz") as tar:
            tar.extractall(work, filter="data")
        dump = Path(work) / DUMP
        if _sha256(dump) != manifest["checksums"][DUMP]:
            raise LifecycleError(
                _("Suma kontrolna zrzutu się nie zgadza (dump checksum mismatch).")
            )
        _run([_pg_program("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error",
              str(dump)], env)  # fmt: skip
        if schema_name != original:
            with connection.cursor() as cursor:
                cursor.execute(f'ALTER SCHEMA "{original}" RENAME TO "{schema_name}"')
        media_src = Path(work) / MEDIA
        if media_src.is_dir():
            target = _media_dir(schema_name)
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(media_src, target)
        _restore_private_files(Path(work) / PRIVATE, manifest, schema_name)


def _restore_private_files(source: Path, manifest: dict[str, Any], schema_name: str) -> None:
    """Write the export's private files back under their stored names, each checked
    against the manifest's checksum (exports of format 1 have none)."""
    expected = manifest["checksums"].get(PRIVATE, {})
    for name, digest in expected.items():
        path = source / name
        if not path.is_file() or _sha256(path) != digest:
            raise LifecycleError(
                _("Plik prywatny %(name)s w archiwum jest uszkodzony albo go brak.")
                % {"name": name}
            )
        with path.open("rb") as handle:
            town_files.write_town_file(schema_name, name, handle)


def _restore_rows(manifest: dict[str, Any], schema_name: str) -> Municipality:
    data = manifest["town"]
    status = (
        Municipality.Status.SUSPENDED
        if data.get("status_before") == Municipality.Status.SUSPENDED
        else Municipality.Status.ACTIVE
    )
    with transaction.atomic():
        town = Municipality(
            schema_name=schema_name,
            name=data["name"],
            official_name=data["official_name"],
            teryt=data["teryt"],
            kind=data["kind"],
            voivodeship=data["voivodeship"],
            features=data.get("features") or {},
            status=status,
        )
        town.auto_create_schema = False  # the schema is the restored one
        town.save()
        for entry in manifest["domains"]:
            Domain.objects.create(
                domain=entry["domain"], tenant=town, is_primary=entry["is_primary"]
            )
    return town


def _migrate_if_behind(town: Municipality) -> None:
    from django.core.management import call_command
    from django.db.migrations.executor import MigrationExecutor

    with schema_context(town.schema_name):
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        call_command("migrate_schemas", schema_name=town.schema_name, interactive=False,
                     verbosity=0)  # fmt: skip


def delete(actor: Actor, town: Municipality, confirm_name: str) -> None:
    """Drop an archived town for good: its schema, rows and media. ``confirm_name`` must
    be the town's name (or official name), as typed by the operator."""
    refuse_while_job_open(town.schema_name)
    if town.status != Municipality.Status.ARCHIVED:
        raise LifecycleError(
            _("Usunąć można tylko zarchiwizowaną gminę (only an archived town can be deleted).")
        )
    if confirm_name.strip() not in {town.name, town.official_name}:
        raise LifecycleError(
            _("Wpisz nazwę gminy, aby potwierdzić usunięcie (type the town's name to confirm).")
        )
    record(actor, "delete", town, {"domains": list(town.domains.values_list("domain", flat=True))})
    schema_name = town.schema_name
    town.delete(force_drop=True)
    shutil.rmtree(_media_dir(schema_name), ignore_errors=True)
    town_files.delete_town_files(schema_name)


# --- integrations ------------------------------------------------------------------------


def save_integration(actor: Actor, town: Municipality, kind: str, form: Any) -> None:
    """Save a bound, valid integration form inside the town's schema (the form's model
    validation already ran there)."""
    with schema_context(town.schema_name):
        form.save()
    changed = [name for name in form.changed_data if not name.endswith("_key")]
    record(actor, f"integration:{kind}", town, {"changed": changed})


def integration_instance(town: Municipality, kind: str, variant: str = "") -> Any:
    """The configuration row an integration form edits (run in the town's schema); the
    login.gov.pl row is created with a fresh key pair the first time."""
    from eurzad.channels.models import ChannelConfig
    from eurzad.finance.gateways.models import GatewayConfig
    from eurzad.identity.models import LoginGovConfig
    from eurzad.identity.services import ensure_login_config

    if kind == "login-gov":
        config = LoginGovConfig.objects.first()
        if config is None:
            primary = town.domains.filter(is_primary=True).first()
            config = ensure_login_config(primary.domain if primary else "", town.official_name)
        return config
    if kind == "kanaly":
        return ChannelConfig.objects.filter(
            kind=variant or ChannelConfig.Kind.choices[0][0]
        ).first()
    return GatewayConfig.objects.filter(gateway=variant or "przelewy24").first()
