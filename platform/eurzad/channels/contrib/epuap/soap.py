"""A zeep client for one of ePUAP's SOAP services, every request WS-Security signed with
the town's system key and every response checked against ePUAP's certificate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zeep import Client
from zeep.transports import Transport

from eurzad.channels.wssecurity import SignedSoap

__all__ = ["TIMEOUT_SECONDS", "SignedServiceClient", "signed_service"]

TIMEOUT_SECONDS = 30


def signed_service(
    config: Any, *, wsdl: Path, binding: str, address: str, wsse: SignedSoap | None = None
) -> Any:
    """The service proxy of ``binding`` (from ``wsdl``) at ``address`` for ``config``'s
    town; ``wsse`` replaces the default plugin (sign with the town's key, verify the
    answers against the provider's certificate)."""
    client = Client(
        str(wsdl),
        wsse=wsse
        or SignedSoap(
            config.system_private_key,
            config.system_certificate,
            config.trusted_provider_certificate,
        ),
        transport=Transport(timeout=TIMEOUT_SECONDS, operation_timeout=TIMEOUT_SECONDS),
    )
    return client.create_service(binding, address)


class SignedServiceClient:
    """A town's client of one ePUAP service; the service proxy is built on first use."""

    wsdl: Path
    binding: str

    def __init__(self, config: Any) -> None:
        self.config = config
        self._service: Any = None

    def address(self) -> str:
        """Where the service answers for this town."""
        raise NotImplementedError

    @property
    def service(self) -> Any:
        if self._service is None:
            self._service = signed_service(
                self.config, wsdl=self.wsdl, binding=self.binding, address=self.address()
            )
        return self._service
