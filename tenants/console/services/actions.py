"""Who acts on a town and the record of what they did: the :class:`Actor`, the operators'
audit log (:func:`record`) and :class:`LifecycleError`, shared by every console service."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any

from tenants.console.models import ActedBy, Operator, OperatorAction
from tenants.models import Municipality


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
