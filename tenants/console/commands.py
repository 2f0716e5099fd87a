"""The base of the operators' commands (``manage.py town``, ``manage.py operator``):
``--operator`` names who acts in the audit log, each subcommand is a ``do_<name>`` method,
and refusals of the services end the command with their message."""

from __future__ import annotations

from argparse import ArgumentParser, _SubParsersAction
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from eurzad.core.login_limits import Lockout
from tenants.console.services.actions import Actor, LifecycleError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class OperatorCommand(BaseCommand):
    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--operator", default="", help="Kto działa – zapis w dzienniku (who acts, audited)."
        )
        self.add_subcommands(parser.add_subparsers(dest="subcommand", required=True))

    def add_subcommands(self, sub: _SubParsersAction) -> None:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.for_command(options["operator"])
        handler = getattr(self, "do_" + options["subcommand"].replace("-", "_"))
        try:
            handler(actor, options)
        except ValidationError as exc:
            messages = (
                [f"{field}: {' '.join(errs)}" for field, errs in exc.message_dict.items()]
                if hasattr(exc, "error_dict")
                else exc.messages
            )
            raise CommandError("\n".join(messages)) from exc
        except LifecycleError as exc:
            raise CommandError(str(exc)) from exc


def add_unlock_arguments(parser: ArgumentParser) -> None:
    """``unlock-login``'s arguments, the same for a town's and the operators' lockouts."""
    parser.add_argument("username")
    parser.add_argument(
        "--ip", default=None, help="Tylko z tego adresu (domyślnie: z każdego adresu)."
    )


def write_lockouts(out: SupportsWrite[str], lockouts: Iterable[Lockout]) -> None:
    """One lockout a line: user name, address, failures, last failure, end (tab-separated)."""
    for lockout in lockouts:
        out.write(
            f"{lockout.username}\t{lockout.ip_address or '-'}\t{lockout.failures}"
            f"\t{lockout.last_failure.isoformat(timespec='seconds')}"
            f"\t{lockout.until.isoformat(timespec='seconds')}"
        )
