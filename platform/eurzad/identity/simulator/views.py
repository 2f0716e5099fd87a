"""The simulator's HTTP endpoints, in the profile of the Węzeł Krajowy: SingleSignOnService
(HTTP-POST AuthnRequest in, a page to pick a test person, HTTP-Artifact out) and the SOAP
ArtifactResolutionService. Mounted on the platform host only with SIMULATORS_ENABLED."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import urlencode, urlsplit

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_tenants.utils import schema_context
from lxml import etree

from eurzad.identity.models import LoginGovConfig
from eurzad.identity.protocol import SAML, SAMLP, instant, new_message_id, soap_envelope
from eurzad.identity.simulator.keys import ENTITY_ID, idp_key_and_certificate
from eurzad.identity.simulator.messages import build_assertion
from eurzad.identity.simulator.people import PEOPLE
from eurzad.identity.wk import keys, xmldsig, xmlenc
from eurzad.identity.wk.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml
from tenants.models import Domain

PENDING_TTL = 600
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"


def _sp_config(entity_id: str) -> tuple[str, LoginGovConfig] | None:
    """The town (schema) and SP configuration registered under ``entity_id``."""
    hostname = urlsplit(entity_id).hostname or ""
    domain = Domain.objects.select_related("tenant").filter(domain=hostname).first()
    if domain is None:
        return None
    with schema_context(domain.tenant.schema_name):
        config = LoginGovConfig.objects.filter(entity_id=entity_id).first()
    return (domain.tenant.schema_name, config) if config else None


def _verified_from_sp(element: etree._Element) -> tuple[str, LoginGovConfig]:
    issuer = (element.findtext(f"{{{SAML}}}Issuer") or "").strip()
    found = _sp_config(issuer)
    if found is None:
        raise xmldsig.SignatureError("nieznany SP (unknown service provider)")
    xmldsig.verify(element, found[1].sp_certificate)
    return found


@csrf_exempt
@require_POST
def single_sign_on(request: HttpRequest) -> HttpResponse:
    try:
        authn = parse_xml(base64.b64decode(request.POST.get("SAMLRequest", "")))
        schema, config = _verified_from_sp(authn)
    except (ValueError, UnsafeXMLError, MalformedXMLError, xmldsig.SignatureError) as error:
        return HttpResponseBadRequest(f"Symulator WK: {error}")
    token = secrets.token_urlsafe(24)
    cache.set(
        f"wk-sim:pending:{token}",
        {
            "entity_id": config.entity_id,
            "acs_url": authn.get("AssertionConsumerServiceURL"),
            "request_id": authn.get("ID"),
            "relay_state": request.POST.get("RelayState", ""),
            "loa": authn.findtext(f".//{{{SAML}}}AuthnContextClassRef") or "",
        },
        PENDING_TTL,
    )
    return render(
        request,
        "identity/simulator/pick_person.html",
        {"token": token, "people": PEOPLE, "sp": config.entity_id, "schema": schema},
    )


def _artifact() -> str:
    source_id = hashlib.sha1(ENTITY_ID.encode()).digest()  # noqa: S324 - SAML artifact SourceID
    return base64.b64encode(b"\x00\x04\x00\x00" + source_id + secrets.token_bytes(20)).decode()


@require_POST
def pick_person(request: HttpRequest) -> HttpResponse:
    pending = cache.get(f"wk-sim:pending:{request.POST.get('token', '')}")
    try:
        person = PEOPLE[int(request.POST.get("person", "-1"))]
    except (ValueError, IndexError):
        person = None
    if pending is None or person is None:
        return HttpResponseBadRequest("Symulator WK: sesja wygasła (session expired)")
    found = _sp_config(pending["entity_id"])
    if found is None:
        return HttpResponseBadRequest("Symulator WK: nieznany SP")
    _schema, config = found
    idp_key, idp_cert = idp_key_and_certificate()
    assertion = build_assertion(
        person,
        issuer=ENTITY_ID,
        audience=config.entity_id,
        recipient=pending["acs_url"],
        in_response_to=pending["request_id"],
        loa=pending["loa"] or "http://eidas.europa.eu/LoA/substantial",
    )
    xmldsig.sign(assertion, idp_key, idp_cert)
    sp_public_key = keys.public_key_of(keys.load_certificate(config.sp_certificate))
    response = etree.Element(
        f"{{{SAMLP}}}Response",
        nsmap={"saml2p": SAMLP, "saml2": SAML},
        ID=new_message_id(),
        InResponseTo=pending["request_id"],
        IssueInstant=instant(),
        Destination=pending["acs_url"],
        Version="2.0",
    )
    etree.SubElement(response, f"{{{SAML}}}Issuer").text = ENTITY_ID
    status = etree.SubElement(response, f"{{{SAMLP}}}Status")
    etree.SubElement(status, f"{{{SAMLP}}}StatusCode", Value=SUCCESS)
    response.append(xmlenc.encrypt_assertion(assertion, sp_public_key))
    xmldsig.sign(response, idp_key, idp_cert)
    artifact = _artifact()
    cache.set(f"wk-sim:artifact:{artifact}", etree.tostring(response), PENDING_TTL)
    query = urlencode({"SAMLart": artifact, "RelayState": pending["relay_state"]})
    return HttpResponseRedirect(f"{pending['acs_url']}?{query}")


@csrf_exempt
@require_POST
def artifact_resolution(request: HttpRequest) -> HttpResponse:
    try:
        envelope = parse_xml(request.body)
        resolve = envelope.find(f".//{{{SAMLP}}}ArtifactResolve")
        if resolve is None:
            raise ValueError("brak ArtifactResolve (no ArtifactResolve)")
        _verified_from_sp(resolve)
    except (ValueError, UnsafeXMLError, MalformedXMLError, xmldsig.SignatureError) as error:
        return HttpResponseBadRequest(f"Symulator WK: {error}")
    artifact = (resolve.findtext(f"{{{SAMLP}}}Artifact") or "").strip()
    stored = cache.get(f"wk-sim:artifact:{artifact}")
    cache.delete(f"wk-sim:artifact:{artifact}")  # one time only
    answer = etree.Element(
        f"{{{SAMLP}}}ArtifactResponse",
        nsmap={"saml2p": SAMLP, "saml2": SAML},
        ID=new_message_id(),
        InResponseTo=resolve.get("ID", ""),
        IssueInstant=instant(),
        Version="2.0",
    )
    etree.SubElement(answer, f"{{{SAML}}}Issuer").text = ENTITY_ID
    status = etree.SubElement(answer, f"{{{SAMLP}}}Status")
    code = SUCCESS if stored else "urn:oasis:names:tc:SAML:2.0:status:Requester"
    etree.SubElement(status, f"{{{SAMLP}}}StatusCode", Value=code)
    if stored:
        answer.append(etree.fromstring(stored))
    idp_key, idp_cert = idp_key_and_certificate()
    xmldsig.sign(answer, idp_key, idp_cert)
    return HttpResponse(soap_envelope(answer), content_type="text/xml; charset=utf-8")
