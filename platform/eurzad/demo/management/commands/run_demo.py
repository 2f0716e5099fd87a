"""`make demo`: migrate, seed both towns, run web + Celery worker + beat, print the URLs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import schema_context

from cms.tasks import describe_town
from eurzad.cases.models import LetterEvidence
from eurzad.core.page_cache import bump_generation
from eurzad.demo.cases import SENT_LETTER_TITLE, send_demo_letters
from eurzad.demo.operator import ensure_demo_operator
from eurzad.demo.seed import seed_demo
from eurzad.demo.towns import DEMO_TOWNS
from tenants.models import Municipality


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Uruchamia demo: migracje, dane Zembrzyc i Głogowa, serwer WWW, worker i beat Celery."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument(
            "--check",
            action="store_true",
            help="Start everything, check both towns answer over HTTP, then stop.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port: int = options["port"]
        self.stdout.write("Migracje bazy danych (schemat wspólny, potem wszystkie gminy)…")
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        # --verify: read each town's own state (an older .eurzad/ may predate the records).
        call_command("migrate_towns", verify=True, skip_public=True, verbosity=0)
        self.stdout.write("Dane demonstracyjne…")
        towns = seed_demo()
        operator = ensure_demo_operator()
        for schema in Municipality.objects.exclude(schema_name="public").values_list(
            "schema_name", flat=True
        ):
            with schema_context(schema):
                bump_generation()  # templates may have changed since the last run

        # Ctrl+C, and a plain `kill`, stop the web server, the worker and beat with us.
        signal.signal(signal.SIGINT, _interrupt)
        signal.signal(signal.SIGTERM, _interrupt)
        processes = self._start(port)
        try:
            self._wait_until_ready(port, processes)
            self._send_demo_letters()
            self._print_banner(port, towns, operator)
            if options["check"]:
                self._check(port, towns)
                return
            while all(process.poll() is None for process in processes.values()):
                time.sleep(1)
            failed = [name for name, process in processes.items() if process.poll() is not None]
            raise CommandError(f"Proces zakończył się nieoczekiwanie: {', '.join(failed)}")
        except KeyboardInterrupt:
            self.stdout.write("\nZatrzymuję demo…")
        finally:
            self._stop(processes)

    def _start(self, port: int) -> dict[str, subprocess.Popen]:
        state = Path(settings.STATE_DIR)
        env = dict(os.environ)
        env.setdefault("DJANGO_SETTINGS_MODULE", "eurzad.settings.dev")
        root = str(settings.BASE_DIR)
        env["PYTHONPATH"] = os.pathsep.join([root, str(settings.PLATFORM_DIR)])
        # The simulators answer on the platform host of this very server.
        platform_host = f"http://{settings.PLATFORM_DOMAIN}:{port}"
        env.setdefault("WK_SIMULATOR_URL", f"{platform_host}/symulator-wk")
        env.setdefault("EPUAP_SIMULATOR_URL", f"{platform_host}/symulator-epuap")
        env.setdefault("EDORECZENIA_SIMULATOR_URL", f"{platform_host}/symulator-edoreczenia")
        env.setdefault("PZ_SIMULATOR_URL", f"{platform_host}/symulator-pz")
        env.setdefault("P24_SIMULATOR_URL", f"{platform_host}/symulator-p24")
        env.setdefault("PAYU_SIMULATOR_URL", f"{platform_host}/symulator-payu")
        # Mailboxes and letters' evidence are checked every 30 s, so the demo shows them soon.
        env.setdefault("CHANNELS_POLL_SECONDS", "30")
        python = sys.executable
        commands = {
            "web": [python, "-m", "gunicorn", "eurzad.wsgi:application",
                    "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
                    "--graceful-timeout", "5"],
            "worker": [python, "-m", "celery", "-A", "eurzad.celery", "worker",
                       "--loglevel", "INFO", "--concurrency", "2"],
            "beat": [python, "-m", "celery", "-A", "eurzad.celery", "beat", "--loglevel", "INFO",
                     "--schedule", str(state / "celerybeat-schedule")],
        }  # fmt: skip
        return {
            name: subprocess.Popen(command, cwd=root, env=env)  # noqa: S603
            for name, command in commands.items()
        }

    def _wait_until_ready(self, port: int, processes: dict[str, subprocess.Popen]) -> None:
        for _ in range(120):
            if processes["web"].poll() is not None:
                raise CommandError("Serwer WWW nie wystartował – zobacz komunikaty powyżej.")
            try:
                url = f"http://127.0.0.1:{port}/readyz"
                with urllib.request.urlopen(url, timeout=15):
                    return
            except OSError:  # not listening yet, or still loading the app on first request
                time.sleep(0.5)
        raise CommandError("Serwer WWW nie odpowiada na /readyz.")

    @staticmethod
    def _send_demo_letters() -> None:
        """Jan's letter in each town goes out through the e-Doręczenia simulator (the
        worker sends it now that the web server answers)."""
        for town in DEMO_TOWNS:
            with schema_context(town.subdomain):
                send_demo_letters()

    def _print_banner(self, port: int, towns: list, operator: tuple[str, str]) -> None:
        lines = ["", "=" * 72, "eurzad działa / eurzad is running", ""]
        lines.append(f"  Platforma:        http://{settings.PLATFORM_DOMAIN}:{port}/")
        lines.append(
            f"  {'  konsola:':<18} http://{settings.PLATFORM_DOMAIN}:{port}/konsola/  "
            f"login: {operator[0]}  hasło: {operator[1]}  (2FA: aplikacja przy 1. logowaniu)"
        )
        for town in towns:
            lines.append(f"  {town.official_name + ':':<18} http://{town.host}:{port}/")
            lines.append(f"  {'  panel urzędu:':<18} http://{town.host}:{port}/admin/")
            lines.extend(
                f"  {'':<18}   {staff.username:<10} hasło: {staff.password}  ({staff.role})"
                for staff in town.staff
            )
        platform_host = f"http://{settings.PLATFORM_DOMAIN}:{port}"
        lines += [
            "",
            "  Mieszkańcy: /logowanie/ → „Zaloguj się przez login.gov.pl” (symulator: wybierz",
            "  Jana Kowalskiego; Zofia Nowak nie ma konta – złoży wniosek o dostęp).",
            "  Konto demonstracyjne (Głogów): /logowanie/demo/  login: demo  hasło: demo",
            "  Płatności: Mój e-Urząd → Zobowiązania i raty → Przejdź do płatności",
            "  (Zembrzyce: symulator Przelewy24, powiadomienia: /symulator-p24/powiadomienia/;",
            "  Głogów: symulator PayU, powiadomienia: /symulator-payu/powiadomienia/).",
            f"  Wyślij wniosek przez ePUAP (symulator): {platform_host}/symulator-epuap/nadaj",
            "  Pismo urzędu do Jana przez e-Doręczenia: Mój e-Urząd → Moje sprawy → sprawa",
            "  przyłącza (dowody wysłania); odbierz je jako adresat w symulatorze:",
            f"  {platform_host}/symulator-edoreczenia/adresaci/ (dowód doręczenia po ≤ 30 s).",
            f"  Sesje login.gov.pl (symulator):         {platform_host}/symulator-wk/sesje/",
            "  API każdej gminy: /api/v1/docs/ (Swagger UI), /api/v1/otwarte-dane/ (otwarte dane);",
            "  klucz dla systemów urzędu: manage.py api_client --town glogow create --name …",
            "  Powiadomienia push (symulator): /symulator-push/ na adresie gminy.",
            "  E-maile do mieszkańców: .eurzad/mail/",
            "",
            "  Ctrl+C zatrzymuje demo. Dane zostają w .eurzad/.",
            "=" * 72,
            "",
        ]
        self.stdout.write("\n".join(lines))

    def _check(self, port: int, towns: list) -> None:
        for town in towns:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/", headers={"Host": town.host}
            )
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                body = response.read().decode()
            if town.official_name not in body:
                raise CommandError(f"{town.host}: strona nie pokazuje {town.official_name}")
            self.stdout.write(self.style.SUCCESS(f"OK {town.host}"))
        for schema in ("zembrzyce", "glogow"):
            with schema_context(schema):
                answer = describe_town.apply_async().get(timeout=60)
            if answer["schema"] != schema:
                raise CommandError(f"Worker ran a task of {schema} in {answer['schema']}")
            self.stdout.write(self.style.SUCCESS(f"OK worker in schema {schema}"))
        for schema in ("zembrzyce", "glogow"):
            self._check_demo_letter_sent(schema)

    def _check_demo_letter_sent(self, schema: str) -> None:
        """Jan's letter went out through the e-Doręczenia simulator and its evidence is
        kept on the letter (the worker sends it when the demo starts)."""
        for _ in range(120):
            with schema_context(schema):
                kinds = list(
                    LetterEvidence.objects.filter(
                        delivery__document__title=SENT_LETTER_TITLE
                    ).values_list("kind", flat=True)
                )
            if kinds:
                self.stdout.write(
                    self.style.SUCCESS(f"OK letter sent in {schema}: {', '.join(kinds)}")
                )
                return
            time.sleep(0.5)
        raise CommandError(f"{schema}: pismo demonstracyjne nie zostało wysłane")

    @staticmethod
    def _stop(processes: dict[str, subprocess.Popen]) -> None:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
