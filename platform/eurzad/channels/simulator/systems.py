"""The simulated provider's registry of systems: which certificate may act for a podmiot
(ePUAP) or, in e-Doręczenia, which registered system (its client id) acts for which
address. Read from the towns' own configuration, as if each office had registered its
system certificate in the provider's panel."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django_tenants.utils import schema_context

from eurzad.channels.models import ChannelConfig
from tenants.models import Municipality

__all__ = ["RegisteredSystem", "edoreczenia_system", "epuap_system", "system_with_certificate"]


@dataclass(frozen=True)
class RegisteredSystem:
    schema: str
    certificate: str
    address: str
    office: str


def _find(hint: str, **lookup: str) -> RegisteredSystem | None:
    towns = list(
        Municipality.objects.exclude(schema_name="public").values_list(
            "schema_name", "official_name"
        )
    )
    # The simulator names podmioty after schemas: try that town first.
    towns.sort(key=lambda town: town[0] != hint)
    for schema, office in towns:
        with schema_context(schema):
            config = ChannelConfig.objects.filter(enabled=True, **lookup).first()
        if config is not None:
            return RegisteredSystem(schema, config.system_certificate, config.address, office)
    return None


def epuap_system(podmiot: str) -> RegisteredSystem | None:
    """The system registered for ePUAP ``podmiot``, with its mailbox address."""
    if not podmiot:
        return None
    return _find(podmiot, kind=ChannelConfig.Kind.EPUAP, podmiot_id=podmiot)


def edoreczenia_system(*, client_id: str = "", address: str = "") -> RegisteredSystem | None:
    """The e-Doręczenia system registered under ``client_id``, or the one registered for
    the electronic-delivery ``address``."""
    if client_id:
        return _find("", kind=ChannelConfig.Kind.EDORECZENIA, client_id=client_id)
    if address:
        return _find("", kind=ChannelConfig.Kind.EDORECZENIA, delivery_address=address)
    return None


def _der(pem: str) -> bytes | None:
    try:
        return x509.load_pem_x509_certificate(pem.encode()).public_bytes(Encoding.DER)
    except ValueError:
        return None


def system_with_certificate(der: bytes) -> RegisteredSystem | None:
    """The ePUAP system whose registered certificate is ``der`` (DER bytes): how the
    podpis zaufany service knows the caller, whose requests name no podmiot."""
    if not der:
        return None
    towns = Municipality.objects.exclude(schema_name="public").values_list(
        "schema_name", "official_name"
    )
    for schema, office in towns:
        with schema_context(schema):
            config = ChannelConfig.objects.filter(kind=ChannelConfig.Kind.EPUAP).first()
        if config is not None and _der(config.system_certificate) == der:
            return RegisteredSystem(schema, config.system_certificate, config.address, office)
    return None
