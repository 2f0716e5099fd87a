"""A town's integrations as the operator configures them in the console: the login.gov.pl
service provider, the ePUAP / e-Doręczenia channels and the payment gateways, each a
configuration row in the town's schema."""

from __future__ import annotations

from typing import Any

from django_tenants.utils import schema_context

from eurzad.channels.models import ChannelConfig
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.identity.models import LoginGovConfig
from eurzad.identity.services import ensure_login_config
from tenants.console.services.actions import Actor, record
from tenants.models import Municipality


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
