"""The simulated gateway's registry of merchants: read from the towns' own 'local'
Przelewy24 configurations, as if each office had signed a contract with it."""

from __future__ import annotations

from dataclasses import dataclass

from django_tenants.utils import schema_context

from eurzad.finance.gateways.models import Gateway, GatewayConfig
from tenants.models import Municipality

__all__ = ["Merchant", "merchant"]


@dataclass(frozen=True)
class Merchant:
    schema: str
    merchant_id: int
    pos_id: int
    crc: str
    api_key: str


def merchant(merchant_id: int | str) -> Merchant | None:
    for schema in Municipality.objects.exclude(schema_name="public").values_list(
        "schema_name", flat=True
    ):
        with schema_context(schema):
            config = GatewayConfig.objects.filter(
                gateway=Gateway.PRZELEWY24,
                environment=GatewayConfig.Environment.LOCAL,
                merchant_id=str(merchant_id),
            ).first()
            if config is not None:
                return Merchant(
                    schema, int(config.merchant_id), int(config.shop_id), config.crc_key,
                    config.api_key,
                )  # fmt: skip
    return None
