"""WS-Security (X.509 token profile) for the ePUAP SOAP services.

Every request is signed with the town's system key (RSA-SHA256, exclusive C14N, SHA-256
digests) over the SOAP Body and a fresh ``wsu:Timestamp``; the certificate travels as a
``wsse:BinarySecurityToken``. ePUAP signs its responses the same way with its own key.

:class:`SignedSoap` plugs into zeep for the client; :func:`verify_envelope` is the strict
check both sides use: the signature must be by the one trusted certificate, cover the
Body (the envelope's own, not a copy elsewhere) and a Timestamp that is still fresh.
"""

from __future__ import annotations

import datetime as dt

import xmlsec
from django.utils.translation import gettext as _
from lxml import etree
from zeep import ns
from zeep.wsse.signature import BinarySignature, MemorySignature
from zeep.wsse.utils import WSU, get_security_header, get_timestamp

__all__ = ["SignedSoap", "WSSecurityError", "sign_envelope", "verify_envelope"]

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
TIMESTAMP_SECONDS = 300
CLOCK_SKEW = dt.timedelta(seconds=60)


class WSSecurityError(ValueError):
    """The SOAP message is not signed, or not by the trusted certificate, or stale."""


def _as_bytes(pem: bytes | str) -> bytes:
    return pem.encode("ascii") if isinstance(pem, str) else pem


def _add_timestamp(envelope: etree._Element) -> None:
    security = get_security_header(envelope)
    if security.find(f"{{{ns.WSU}}}Timestamp") is not None:
        return
    now = dt.datetime.now(dt.UTC)
    security.append(
        WSU.Timestamp(
            WSU.Created(get_timestamp(now, zulu_timestamp=True)),
            WSU.Expires(
                get_timestamp(now + dt.timedelta(seconds=TIMESTAMP_SECONDS), zulu_timestamp=True)
            ),
        )
    )


class SignedSoap(BinarySignature):
    """zeep WS-Security plugin: signs requests with the system key (from memory, not
    files) and verifies responses against the provider's certificate — not against our
    own, which is what zeep's stock plugin would do."""

    def __init__(
        self, private_key_pem: str, certificate_pem: str, provider_certificate_pem: str
    ) -> None:
        MemorySignature.__init__(
            self,
            _as_bytes(private_key_pem),
            _as_bytes(certificate_pem),
            None,
            xmlsec.constants.TransformRsaSha256,
            xmlsec.constants.TransformSha256,
        )
        self.provider_certificate_pem = provider_certificate_pem

    def apply(self, envelope, headers):
        _add_timestamp(envelope)
        return super().apply(envelope, headers)

    def verify(self, envelope):
        verify_envelope(envelope, self.provider_certificate_pem)
        return envelope


def sign_envelope(envelope: etree._Element, private_key_pem: str, certificate_pem: str) -> None:
    """Sign a SOAP envelope in place (the simulator signs its responses with this)."""
    SignedSoap(private_key_pem, certificate_pem, certificate_pem).apply(envelope, {})


def _refused(detail: str) -> WSSecurityError:
    return WSSecurityError(_("Odrzucono niepodpisane lub źle podpisane żądanie") + f": {detail}")


def _instant(text: str | None) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat((text or "").strip().replace("Z", "+00:00"))
    except ValueError:
        raise _refused("Timestamp") from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _algorithm(parent: etree._Element, path: str, namespaces: dict[str, str]) -> str | None:
    """The ``Algorithm`` of ``parent``'s child at ``path``; None when there is none."""
    child = parent.find(path, namespaces)
    return None if child is None else child.get("Algorithm")


def verify_envelope(envelope: etree._Element, certificate_pem: bytes | str) -> None:
    """Verify the WS-Security signature of ``envelope`` against ``certificate_pem``.

    Raises :class:`WSSecurityError` unless exactly one signature, by that certificate's
    key, with the allowed algorithms, covers the envelope's Body and a fresh Timestamp.
    """
    if not certificate_pem:
        raise _refused("brak zaufanego certyfikatu (no trusted certificate)")
    namespaces = {"s": SOAP11, "wsse": ns.WSSE, "wsu": ns.WSU, "ds": ns.DS}
    if envelope.tag != f"{{{SOAP11}}}Envelope":
        raise _refused("Envelope")
    securities = envelope.findall("s:Header/wsse:Security", namespaces)
    if len(securities) != 1:
        raise _refused("wsse:Security")
    security = securities[0]
    signatures = list(envelope.iter(f"{{{ns.DS}}}Signature"))
    if len(signatures) != 1 or signatures[0].getparent() is not security:
        raise _refused("ds:Signature")
    signature = signatures[0]
    body = envelope.find("s:Body", namespaces)
    timestamp = security.find("wsu:Timestamp", namespaces)
    if body is None or timestamp is None:
        raise _refused("Body/Timestamp")

    signed_info = signature.find("ds:SignedInfo", namespaces)
    if signed_info is None:
        raise _refused("SignedInfo")
    if _algorithm(signed_info, "ds:CanonicalizationMethod", namespaces) != EXC_C14N:
        raise _refused("CanonicalizationMethod")
    if _algorithm(signed_info, "ds:SignatureMethod", namespaces) != RSA_SHA256:
        raise _refused("SignatureMethod")

    ids: dict[str, list[etree._Element]] = {}
    for node in envelope.iter(etree.Element):
        value = node.get(f"{{{ns.WSU}}}Id")
        if value:
            ids.setdefault(value, []).append(node)
    referenced = []
    for reference in signed_info.findall("ds:Reference", namespaces):
        target_id = (reference.get("URI") or "").removeprefix("#")
        targets = ids.get(target_id, [])
        if len(targets) != 1:
            raise _refused("Reference")
        if _algorithm(reference, "ds:DigestMethod", namespaces) != SHA256:
            raise _refused("DigestMethod")
        for transform in reference.findall("ds:Transforms/ds:Transform", namespaces):
            if transform.get("Algorithm") != EXC_C14N:
                raise _refused("Transform")
        referenced.append(targets[0])
    if not any(node is body for node in referenced) or not any(
        node is timestamp for node in referenced
    ):
        raise _refused("Body/Timestamp")

    now = dt.datetime.now(dt.UTC)
    created = _instant(timestamp.findtext("wsu:Created", namespaces=namespaces))
    expires = _instant(timestamp.findtext("wsu:Expires", namespaces=namespaces))
    if created - CLOCK_SKEW > now or expires + CLOCK_SKEW < now:
        raise _refused(_("przeterminowany znacznik czasu"))

    try:
        key = xmlsec.Key.from_memory(
            _as_bytes(certificate_pem), xmlsec.constants.KeyDataFormatCertPem
        )
    except xmlsec.Error:
        raise _refused("certificate") from None
    context = xmlsec.SignatureContext()
    context.key = key
    for allowed in (xmlsec.constants.TransformExclC14N, xmlsec.constants.TransformSha256):
        context.enable_reference_transform(allowed)
    for allowed in (xmlsec.constants.TransformExclC14N, xmlsec.constants.TransformRsaSha256):
        context.enable_signature_transform(allowed)
    for node in referenced:
        context.register_id(node, "Id", ns.WSU)
    try:
        context.verify(signature)
    except xmlsec.Error:
        raise _refused(_("podpis nie pochodzi od zarejestrowanego certyfikatu")) from None
