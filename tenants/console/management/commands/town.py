"""``manage.py town list|onboard|suspend|reactivate|archive|restore|delete|domains|
lockouts|unlock-login``: the operator console's lifecycle services from the command line;
every change is recorded in the operators' audit log under ``--operator`` (or the OS user)."""

from __future__ import annotations

from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError

from tenants.console import jobs, login_lockouts
from tenants.console.commands import OperatorCommand, add_unlock_arguments, write_lockouts
from tenants.console.models import LifecycleJob
from tenants.console.services import archive, lifecycle
from tenants.console.services.actions import Actor
from tenants.models import Municipality


class Command(OperatorCommand):
    help = "Zarządzanie gminami (towns): list, onboard, suspend, reactivate, archive, restore, …"

    def add_subcommands(self, sub: _SubParsersAction) -> None:
        listing = sub.add_parser("list", help="Lista gmin.")
        listing.add_argument("query", nargs="?", default="")
        listing.add_argument("--status", default="")
        listing.add_argument(
            "--sort",
            default="nazwa",
            choices=list(lifecycle.TOWN_ORDERINGS),
            help="Kolejność (order): nazwa, aktywnosc, bez-aktywnosci, utworzone.",
        )
        onboard = sub.add_parser("onboard", help="Nowa gmina.")
        onboard.add_argument("--name", required=True)
        onboard.add_argument("--official-name", default="")
        onboard.add_argument("--teryt", required=True)
        onboard.add_argument("--subdomain", required=True)
        onboard.add_argument("--schema", default="")
        onboard.add_argument("--theme", default="")
        onboard.add_argument("--domain", action="append", default=[], dest="custom_domains")
        onboard.add_argument("--editor-email", default="")
        for name in ("suspend", "reactivate", "archive"):
            cmd = sub.add_parser(name)
            cmd.add_argument("schema")
            if name == "suspend":
                cmd.add_argument("--reason", default="")
        restore = sub.add_parser("restore", help="Odtworzenie z archiwum.")
        restore.add_argument("export", help="Plik .tar.gz (w ARCHIVE_ROOT lub ścieżka).")
        restore.add_argument("--schema", default="")
        delete = sub.add_parser("delete", help="Usunięcie zarchiwizowanej gminy.")
        delete.add_argument("schema")
        delete.add_argument("--confirm-name", required=True)
        domains = sub.add_parser("domains", help="Ustawienie domen gminy.")
        domains.add_argument("schema")
        domains.add_argument("--domain", action="append", default=[], dest="hosts")
        domains.add_argument("--primary", default="")
        lockouts = sub.add_parser("lockouts", help="Blokady logowania w gminie.")
        lockouts.add_argument("schema")
        unlock = sub.add_parser("unlock-login", help="Zdjęcie blokady logowania w gminie.")
        unlock.add_argument("schema")
        add_unlock_arguments(unlock)

    def _town(self, schema: str) -> Municipality:
        town = Municipality.objects.exclude(schema_name="public").filter(schema_name=schema).first()
        if town is None:
            raise CommandError(f"Nie ma gminy o schemacie {schema} (no such town).")
        return town

    def do_list(self, actor: Actor, options: dict[str, Any]) -> None:
        for town in lifecycle.towns(options["query"], options["status"], options["sort"]):
            hosts = ",".join(d.domain for d in town.domains.all())
            seen = town.last_seen_at.isoformat(timespec="minutes") if town.last_seen_at else "-"
            self.stdout.write(
                f"{town.schema_name}\t{town.teryt}\t{town.status}\t{town.official_name}"
                f"\t{hosts}\t{seen}"
            )

    def do_onboard(self, actor: Actor, options: dict[str, Any]) -> None:
        town = lifecycle.onboard(
            actor,
            lifecycle.OnboardRequest(
                name=options["name"],
                official_name=options["official_name"],
                teryt=options["teryt"],
                subdomain=options["subdomain"],
                schema_name=options["schema"],
                theme_preset=options["theme"],
                custom_domains=options["custom_domains"],
                editor_email=options["editor_email"],
            ),
        )
        self.stdout.write(self.style.SUCCESS(f"Utworzono {town} ({town.schema_name})."))

    def do_suspend(self, actor: Actor, options: dict[str, Any]) -> None:
        lifecycle.suspend(actor, self._town(options["schema"]), options["reason"])
        self.stdout.write(self.style.SUCCESS("Zawieszono."))

    def do_reactivate(self, actor: Actor, options: dict[str, Any]) -> None:
        lifecycle.reactivate(actor, self._town(options["schema"]))
        self.stdout.write(self.style.SUCCESS("Przywrócono."))

    # Archive and restore run here, as a job the console's *Zadania* lists too; the
    # command waits for it (no web request's time limit applies).

    def _finished(self, job: LifecycleJob, done: str) -> None:
        if job.status != LifecycleJob.Status.DONE:
            raise CommandError(job.error or job.get_status_display())
        self.stdout.write(self.style.SUCCESS(done))

    def do_archive(self, actor: Actor, options: dict[str, Any]) -> None:
        job = jobs.request_archive(actor, self._town(options["schema"]), wait=True)
        self._finished(job, f"Zarchiwizowano: {Path(settings.ARCHIVE_ROOT) / job.export}")

    def do_restore(self, actor: Actor, options: dict[str, Any]) -> None:
        export = archive.resolve_export(options["export"])
        job = jobs.request_restore(actor, export, options["schema"], wait=True)
        self._finished(job, f"Odtworzono {job.town_name} ({job.town_schema}).")

    def do_delete(self, actor: Actor, options: dict[str, Any]) -> None:
        lifecycle.delete(actor, self._town(options["schema"]), options["confirm_name"])
        self.stdout.write(self.style.SUCCESS("Usunięto."))

    def do_domains(self, actor: Actor, options: dict[str, Any]) -> None:
        lifecycle.set_domains(actor, self._town(options["schema"]), options["hosts"],
                             options["primary"])  # fmt: skip
        self.stdout.write(self.style.SUCCESS("Domeny zapisane."))

    def do_lockouts(self, actor: Actor, options: dict[str, Any]) -> None:
        write_lockouts(self.stdout, login_lockouts.lockouts(self._town(options["schema"])))

    def do_unlock_login(self, actor: Actor, options: dict[str, Any]) -> None:
        count = login_lockouts.unlock_login(
            actor, self._town(options["schema"]), options["username"], options["ip"]
        )
        self.stdout.write(self.style.SUCCESS(f"Zdjęto blokadę (usunięte zapisy prób: {count})."))
