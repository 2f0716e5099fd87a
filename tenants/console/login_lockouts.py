"""Login lockouts seen from the console: a town's (in its schema) or the operators' (in
the public schema), and lifting one — by the console, the ``town`` and ``operator``
commands alike. Every lift is recorded in the operators' audit log."""

from __future__ import annotations

from django.core.validators import validate_ipv46_address
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists

from eurzad.core import login_limits
from eurzad.core.login_limits import Lockout
from tenants.console.services.actions import Actor, LifecycleError, record
from tenants.models import Municipality


def _schema(town: Municipality | None) -> str:
    """The schema holding the lockouts: the town's, or the public one for operators."""
    if town is None:
        return get_public_schema_name()
    if town.status == Municipality.Status.ARCHIVED or not schema_exists(town.schema_name):
        raise LifecycleError(
            _("Gmina %(town)s jest zarchiwizowana: nie ma w niej logowań.") % {"town": town}
        )
    return town.schema_name


def lockouts(town: Municipality | None = None) -> list[Lockout]:
    """The lockouts in force in ``town`` (``None``: the operators' on the platform host)."""
    with schema_context(_schema(town)):
        return login_limits.current_lockouts()


def unlock_login(
    actor: Actor, town: Municipality | None, username: str, ip_address: str | None = None
) -> int:
    """Lift the lockout of ``username`` in ``town`` (``None``: an operator's) from one
    address or, without ``ip_address``, from every one; returns how many records went.
    The user name is masked in the audit log like in the failed logins' entries."""
    if ip_address:
        validate_ipv46_address(ip_address)
    with schema_context(_schema(town)):
        count = login_limits.unlock(username, ip_address)
    record(
        actor,
        "login_unlocked",
        town,
        {
            "username": login_limits.mask_username(username),
            "ip_address": ip_address or "*",
            "records": count,
        },
    )
    return count
