"""``manage.py operator create|list|reset-2fa|deactivate|lockouts|unlock-login``: the
vendor's operator accounts
(the console itself needs an operator to log in). Changes go to the operators' audit log
under ``--operator`` (or the OS user)."""

from __future__ import annotations

import getpass
import sys
from argparse import _SubParsersAction
from typing import Any

from django.core.management.base import CommandError

from tenants.console import login_lockouts, operators
from tenants.console.commands import OperatorCommand, add_unlock_arguments, write_lockouts
from tenants.console.models import Operator
from tenants.console.services.actions import Actor


class Command(OperatorCommand):
    help = "Konta operatorów konsoli (operator accounts): create, list, reset-2fa, deactivate."

    def add_subcommands(self, sub: _SubParsersAction) -> None:
        create = sub.add_parser("create", help="Nowy operator (2FA ustawi przy 1. logowaniu).")
        create.add_argument("username")
        create.add_argument("--email", default="")
        create.add_argument(
            "--password-stdin",
            action="store_true",
            help="Czytaj hasło ze standardowego wejścia (automatyzacja) zamiast pytać.",
        )
        sub.add_parser("list", help="Lista operatorów.")
        reset = sub.add_parser("reset-2fa", help="Nowe urządzenie 2FA przy następnym logowaniu.")
        reset.add_argument("username")
        off = sub.add_parser("deactivate", help="Wyłącz konto i unieważnij tokeny API.")
        off.add_argument("username")
        sub.add_parser("lockouts", help="Blokady logowania operatorów.")
        add_unlock_arguments(sub.add_parser("unlock-login", help="Zdjęcie blokady logowania."))

    def _password(self, options: dict[str, Any]) -> str:
        if options["password_stdin"]:
            return sys.stdin.readline().rstrip("\n")
        first = getpass.getpass("Hasło (password): ")
        if first != getpass.getpass("Powtórz hasło (again): "):
            raise CommandError("Hasła się różnią (passwords differ).")
        return first

    def do_create(self, actor: Actor, options: dict[str, Any]) -> None:
        operator = operators.create_operator(
            actor, options["username"], self._password(options), options["email"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Operator {operator} utworzony. Przy pierwszym logowaniu w /konsola/ ustawi "
                "aplikację uwierzytelniającą (2FA)."
            )
        )

    def do_list(self, actor: Actor, options: dict[str, Any]) -> None:
        for operator in Operator.objects.select_related("user").order_by("user__username"):
            user = operator.user
            state = "aktywny" if user.is_active else "wyłączony"
            second = "2FA" if operator.is_enrolled else "bez 2FA"
            login = user.last_login.isoformat(timespec="minutes") if user.last_login else "-"
            self.stdout.write(f"{user.get_username()}\t{state}\t{second}\t{login}")

    def do_reset_2fa(self, actor: Actor, options: dict[str, Any]) -> None:
        operators.reset_second_factor(actor, operators.find_operator(options["username"]))
        self.stdout.write(self.style.SUCCESS("2FA wyzerowane: nowe urządzenie przy logowaniu."))

    def do_deactivate(self, actor: Actor, options: dict[str, Any]) -> None:
        operators.deactivate(actor, operators.find_operator(options["username"]))
        self.stdout.write(self.style.SUCCESS("Konto wyłączone, tokeny API unieważnione."))

    def do_lockouts(self, actor: Actor, options: dict[str, Any]) -> None:
        write_lockouts(self.stdout, login_lockouts.lockouts())

    def do_unlock_login(self, actor: Actor, options: dict[str, Any]) -> None:
        count = login_lockouts.unlock_login(actor, None, options["username"], options["ip"])
        self.stdout.write(self.style.SUCCESS(f"Zdjęto blokadę (usunięte zapisy prób: {count})."))
