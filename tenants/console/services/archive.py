"""A town to an export file and back: :func:`archive` writes the schema dump
(``pg_dump``), the media, the private files and a manifest to a ``.tar.gz`` under
ARCHIVE_ROOT; :func:`restore` brings the town back from it. Both take as long as the dump
or the restore: :mod:`tenants.console.jobs` runs them in a worker."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from eurzad.core.postgresql.connection import connection
from eurzad.core.private_files import town_files
from tenants.console.services.actions import Actor, LifecycleError, record
from tenants.console.services.lifecycle import remove_town_files, set_status, town_media_dir
from tenants.models import Domain, Municipality
from tenants.naming import validate_schema_name
from tenants.services import domain_taken_message, domains_taken

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
DUMP = "schema.dump"
MEDIA = "media"
PRIVATE = "private"  # the town's private files (format 2 on)
FORMAT_VERSION = 2


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


def _migrations(schema_name: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT app, max(name) FROM "{schema_name}".django_migrations GROUP BY app'  # noqa: S608
        )
        return dict(cursor.fetchall())


def check_archivable(town: Municipality) -> None:
    """Raise ``LifecycleError`` unless the town may be archived (active or suspended)."""
    if town.status not in {Municipality.Status.ACTIVE, Municipality.Status.SUSPENDED}:
        raise LifecycleError(_("Zarchiwizować można gminę aktywną lub zawieszoną."))


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
        media = town_media_dir(town.schema_name)
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
    set_status(town, Municipality.Status.ARCHIVED)
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
            raise LifecycleError(_("W archiwum brak manifestu."))
        return json.load(member)


def resolve_export(name: str) -> Path:
    """An export given by its file name (under ARCHIVE_ROOT) or an absolute path."""
    root = Path(settings.ARCHIVE_ROOT).resolve()
    path = Path(name)
    path = (path if path.is_absolute() else root / path).resolve()
    if not path.is_file():
        raise LifecycleError(_("Nie ma takiego archiwum: %s") % name)
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
            _("Schemat %(schema)s jest zajęty – usuń gminę albo podaj inną nazwę.")
            % {"schema": schema_name}
        )
    if schema_name != original and schema_exists(original):
        raise LifecycleError(
            _(
                "Schemat %(schema)s z archiwum wciąż istnieje; odtworzenie pod nową nazwą wymaga "
                "jego usunięcia."
            )
            % {"schema": original}
        )
    if Municipality.objects.filter(teryt=manifest["town"]["teryt"]).exists():
        raise LifecycleError(_("Gmina o tym kodzie TERYT już istnieje."))
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
        remove_town_files(schema_name)
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
            raise LifecycleError(_("Suma kontrolna zrzutu się nie zgadza."))
        _run([_pg_program("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error",
              str(dump)], env)  # fmt: skip
        if schema_name != original:
            with connection.cursor() as cursor:
                cursor.execute(f'ALTER SCHEMA "{original}" RENAME TO "{schema_name}"')
        media_src = Path(work) / MEDIA
        if media_src.is_dir():
            target = town_media_dir(schema_name)
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
    with schema_context(town.schema_name):
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        call_command("migrate_schemas", schema_name=town.schema_name, interactive=False,
                     verbosity=0)  # fmt: skip
