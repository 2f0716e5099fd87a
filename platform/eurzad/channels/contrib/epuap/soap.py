"""A zeep client for one of ePUAP's SOAP services, every request WS-Security signed with
the town's system key and every response checked against ePUAP's certificate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zeep import Client
from zeep.transports import Transport

from eurzad.channels.wssecurity import SignedSoap

__all__ = ["TIMEOUT_SECONDS", "signed_service"]

TIMEOUT_SECONDS = 30


def signed_service(config: Any, *, wsdl: Path, binding: str, address: str) -> Any:
    """The service proxy of ``binding`` (from ``wsdl``) at ``address`` for ``config``'s
    town."""
    client = Client(
        str(wsdl),
        wsse=SignedSoap(
            config.system_private_key,
            config.system_certificate,
            config.trusted_provider_certificate,
        ),
        transport=Transport(timeout=TIMEOUT_SECONDS, operation_timeout=TIMEOUT_SECONDS),
    )
    return client.create_service(binding, address)
