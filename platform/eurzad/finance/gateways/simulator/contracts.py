"""The simulated gateways' contracts with the towns: read from each town's own 'local'
gateway configuration, as if the office had signed a contract with the gateway."""

from __future__ import annotations

from dataclasses import dataclass

from django_tenants.utils import schema_context

from eurzad.finance.gateways.models import GatewayConfig
from tenants.models import Municipality

__all__ = ["Contract", "local_contract"]


@dataclass(frozen=True)
class Contract:
    """A town's local configuration of one gateway, its keys unsealed."""

    schema: str
    merchant_id: str
    shop_id: str
    client_id: str
    crc_key: str
    api_key: str
    client_secret: str
    second_key: str


def local_contract(gateway: str, **lookup: str) -> Contract | None:
    """The local ``gateway`` configuration matching ``lookup`` (e.g.
    ``merchant_id="123456"``) in whichever town has one; None if none has."""
    for schema in Municipality.objects.exclude(schema_name="public").values_list(
        "schema_name", flat=True
    ):
        with schema_context(schema):
            config = GatewayConfig.objects.filter(
                gateway=gateway, environment=GatewayConfig.Environment.LOCAL, **lookup
            ).first()
            if config is not None:
                return Contract(
                    schema=schema,
                    merchant_id=config.merchant_id,
                    shop_id=config.shop_id,
                    client_id=config.client_id,
                    crc_key=config.crc_key,
                    api_key=config.api_key,
                    client_secret=config.client_secret,
                    second_key=config.second_key,
                )
    return None
