"""Messages of the login.gov.pl (Węzeł Krajowy) SAML profile that the SP sends:
SP metadata, the AuthnRequest (sent by HTTP-POST, answered by HTTP-Artifact) and the
SOAP-wrapped ArtifactResolve. Signing is done by the caller (ECDSA-SHA256, exclusive C14N).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
EIDAS = "http://eidas.europa.eu/saml-extensions"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
HTTP_ARTIFACT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"
HTTP_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
SOAP_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP"
URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
NAMEID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"

NATURAL_PERSON = "http://eidas.europa.eu/attributes/naturalperson/"
REQUESTED_ATTRIBUTES = {
    "FirstName": NATURAL_PERSON + "CurrentGivenName",
    "FamilyName": NATURAL_PERSON + "CurrentFamilyName",
    "DateOfBirth": NATURAL_PERSON + "DateOfBirth",
    "PersonIdentifier": NATURAL_PERSON + "PersonIdentifier",
}


def _q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


def new_message_id() -> str:
    """An XML ID (must not start with a digit), unguessable."""
    return "ID-" + secrets.token_hex(20)


def instant(moment: datetime | None = None) -> str:
    return (moment or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass(frozen=True)
class ServiceProvider:
    entity_id: str
    acs_url: str
    slo_url: str
    certificate_pem: str


def _certificate_body(pem: str) -> str:
    return "".join(line for line in pem.strip().splitlines() if "-----" not in line)


def sp_metadata(sp: ServiceProvider) -> etree._Element:
    root = etree.Element(
        _q(MD, "EntityDescriptor"), nsmap={"md": MD, "ds": DS}, entityID=sp.entity_id
    )
    descriptor = etree.SubElement(
        root,
        _q(MD, "SPSSODescriptor"),
        AuthnRequestsSigned="true",
        WantAssertionsSigned="true",
        protocolSupportEnumeration=SAMLP,
    )
    for use in ("signing", "encryption"):
        key = etree.SubElement(descriptor, _q(MD, "KeyDescriptor"), use=use)
        info = etree.SubElement(key, _q(DS, "KeyInfo"))
        data = etree.SubElement(info, _q(DS, "X509Data"))
        etree.SubElement(data, _q(DS, "X509Certificate")).text = _certificate_body(
            sp.certificate_pem
        )
    etree.SubElement(
        descriptor, _q(MD, "SingleLogoutService"), Binding=SOAP_BINDING, Location=sp.slo_url
    )
    etree.SubElement(descriptor, _q(MD, "NameIDFormat")).text = NAMEID_UNSPECIFIED
    etree.SubElement(
        descriptor,
        _q(MD, "AssertionConsumerService"),
        Binding=HTTP_ARTIFACT,
        Location=sp.acs_url,
        index="1",
        isDefault="true",
    )
    return root


def authn_request(
    sp: ServiceProvider,
    destination: str,
    minimum_loa: str,
    *,
    provider_name: str,
    request_id: str | None = None,
) -> etree._Element:
    """The WK AuthnRequest: ForceAuthn, HTTP-Artifact answer, eIDAS SPType=public and
    the natural person's attributes, minimum level of assurance. ``provider_name`` (the
    town's name) is shown to the person; the WK integration environment refuses a request
    without it."""
    request = etree.Element(
        _q(SAMLP, "AuthnRequest"),
        nsmap={"saml2p": SAMLP, "saml2": SAML, "eidas": EIDAS},
        AssertionConsumerServiceURL=sp.acs_url,
        Destination=destination,
        ForceAuthn="true",
        ID=request_id or new_message_id(),
        IssueInstant=instant(),
        ProtocolBinding=HTTP_ARTIFACT,
        ProviderName=provider_name,
        Version="2.0",
    )
    etree.SubElement(request, _q(SAML, "Issuer")).text = sp.entity_id
    extensions = etree.SubElement(request, _q(SAMLP, "Extensions"))
    etree.SubElement(extensions, _q(EIDAS, "SPType")).text = "public"
    attributes = etree.SubElement(extensions, _q(EIDAS, "RequestedAttributes"))
    for friendly, name in REQUESTED_ATTRIBUTES.items():
        etree.SubElement(
            attributes,
            _q(EIDAS, "RequestedAttribute"),
            FriendlyName=friendly,
            Name=name,
            NameFormat=URI_FORMAT,
            isRequired="true",
        )
    etree.SubElement(
        request, _q(SAMLP, "NameIDPolicy"), AllowCreate="true", Format=NAMEID_UNSPECIFIED
    )
    context = etree.SubElement(request, _q(SAMLP, "RequestedAuthnContext"), Comparison="minimum")
    etree.SubElement(context, _q(SAML, "AuthnContextClassRef")).text = minimum_loa
    return request


def artifact_resolve(
    sp: ServiceProvider, destination: str, artifact: str, *, request_id: str | None = None
) -> etree._Element:
    """The ArtifactResolve element (sign it, then wrap it with :func:`soap_envelope`)."""
    resolve = etree.Element(
        _q(SAMLP, "ArtifactResolve"),
        nsmap={"saml2p": SAMLP, "saml2": SAML},
        Destination=destination,
        ID=request_id or new_message_id(),
        IssueInstant=instant(),
        Version="2.0",
    )
    etree.SubElement(resolve, _q(SAML, "Issuer")).text = sp.entity_id
    etree.SubElement(resolve, _q(SAMLP, "Artifact")).text = artifact
    return resolve


def soap_envelope(body_element: etree._Element) -> bytes:
    envelope = etree.Element(_q(SOAP, "Envelope"), nsmap={"soap": SOAP})
    etree.SubElement(envelope, _q(SOAP, "Body")).append(body_element)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def logout_request(
    issuer: str, destination: str, name_id: str, session_index: str
) -> etree._Element:
    """A LogoutRequest for single logout over SOAP (sign it, then wrap it)."""
    request = etree.Element(
        _q(SAMLP, "LogoutRequest"),
        nsmap={"saml2p": SAMLP, "saml2": SAML},
        Destination=destination,
        ID=new_message_id(),
        IssueInstant=instant(),
        Version="2.0",
    )
    etree.SubElement(request, _q(SAML, "Issuer")).text = issuer
    etree.SubElement(request, _q(SAML, "NameID"), Format=NAMEID_UNSPECIFIED).text = name_id
    etree.SubElement(request, _q(SAMLP, "SessionIndex")).text = session_index
    return request


def logout_response(issuer: str, in_response_to: str, *, success: bool = True) -> etree._Element:
    """The answer to a LogoutRequest (sign it, then wrap it)."""
    response = etree.Element(
        _q(SAMLP, "LogoutResponse"),
        nsmap={"saml2p": SAMLP, "saml2": SAML},
        ID=new_message_id(),
        InResponseTo=in_response_to,
        IssueInstant=instant(),
        Version="2.0",
    )
    etree.SubElement(response, _q(SAML, "Issuer")).text = issuer
    status = etree.SubElement(response, _q(SAMLP, "Status"))
    code = "Success" if success else "Responder"
    etree.SubElement(
        status, _q(SAMLP, "StatusCode"), Value=f"urn:oasis:names:tc:SAML:2.0:status:{code}"
    )
    return response


def soap_body_child(envelope: etree._Element, namespace: str, tag: str) -> etree._Element | None:
    """The message inside a parsed SOAP envelope's Body, if it is ``{namespace}tag``."""
    body = envelope.find(_q(SOAP, "Body"))
    if envelope.tag != _q(SOAP, "Envelope") or body is None:
        return None
    return body.find(_q(namespace, tag))
