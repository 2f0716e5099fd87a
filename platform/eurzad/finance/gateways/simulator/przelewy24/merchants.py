"""The simulated Przelewy24's registry of merchants: the towns' local Przelewy24
configurations."""

from __future__ import annotations

from dataclasses import dataclass

from eurzad.finance.gateways.models import Gateway
from eurzad.finance.gateways.simulator.contracts import local_contract

__all__ = ["Merchant", "merchant"]


@dataclass(frozen=True)
class Merchant:
    schema: str
    merchant_id: int
    pos_id: int
    crc: str
    api_key: str


def merchant(merchant_id: int | str) -> Merchant | None:
    contract = local_contract(Gateway.PRZELEWY24, merchant_id=str(merchant_id))
    if contract is None:
        return None
    return Merchant(
        contract.schema, int(contract.merchant_id), int(contract.shop_id), contract.crc_key,
        contract.api_key,
    )  # fmt: skip
