"""The simulator's HTTP endpoints, in the profile of the Węzeł Krajowy: SingleSignOnService
(HTTP-POST AuthnRequest in, a page to pick a test person, HTTP-Artifact out) and the SOAP
ArtifactResolutionService. Mounted on the platform host only with SIMULATORS_ENABLED."""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode, urlsplit

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_tenants.utils import schema_context
from lxml import etree

from eurzad.core.csp import allow_form_posts_to
from eurzad.core.simulated_people import PEOPLE, SimulatedPerson
from eurzad.core.xmlsecurity import keys, xmldsig, xmlenc
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml
from eurzad.identity.models import LoginGovConfig
from eurzad.identity.protocol import (
    SAML,
    SAMLP,
    instant,
    new_message_id,
    soap_body_child,
    soap_envelope,
)
from eurzad.identity.simulator.keys import ENTITY_ID, idp_key_and_certificate
from eurzad.identity.simulator.messages import build_assertion
from eurzad.identity.simulator.sessions import (
    SimulatorSession,
    answer_sp_logout,
    live_sessions,
    log_out_everywhere,
    open_session,
)
from tenants.models import Domain

PENDING_TTL = 600
CORRECT_SCENARIOS = ("ok", "signed-assertion", "key-128")
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"

# What the simulator may answer. The first ones are the shapes the real Węzeł Krajowy
# sends (docs/integrations/login-gov.md); the rest are wrong on purpose, so a service
# provider's refusals can be tried out (and are, by the integration tests).
SCENARIOS = {
    "ok": "poprawna odpowiedź jak z Węzła Krajowego: podpisana odpowiedź, asercja bez "
    "podpisu (correct, as the node sends it: signed Response, unsigned assertion)",
    "signed-assertion": "poprawna, asercja też podpisana (correct, the assertion signed too)",
    "key-128": "poprawna, klucz 128-bitowy zadeklarowany jako aes256-gcm "
    "(correct, a 128-bit key declared as aes256-gcm)",
    "tampered": "treść zmieniona po podpisaniu (content changed after signing)",
    "unsigned": "ani odpowiedź, ani asercja niepodpisane (neither Response nor assertion signed)",
    "wrong-audience": "asercja dla innego serwisu (assertion for another service provider)",
    "expired": "asercja wygasła godzinę temu (assertion expired an hour ago)",
    "unknown-request": "odpowiedź na nieznane żądanie (InResponseTo of no request)",
    "doctype": "odpowiedź z deklaracją DOCTYPE/ENTITY (response with a DOCTYPE/entity)",
}
# How the artifact goes back to the town's ACS.
BINDINGS = {
    "post": "HTTP-POST, formularz wysłany automatycznie – jak Węzeł Krajowy "
    "(auto-submitted form, as the node does)",
    "get": "przekierowanie GET z artefaktem w adresie (redirect with the artifact in the URL)",
}


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
    # Picking a person answers with a redirect to the town's ACS: form-action covers it.
    allow_form_posts_to(request, authn.get("AssertionConsumerServiceURL") or "")
    return render(
        request,
        "identity/simulator/pick_person.html",
        {
            "token": token,
            "people": PEOPLE,
            "sp": config.entity_id,
            "schema": schema,
            "scenarios": SCENARIOS.items(),
            "bindings": BINDINGS.items(),
        },
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
    scenario = request.POST.get("scenario", "ok")
    binding = request.POST.get("binding", "post")
    if scenario not in SCENARIOS or binding not in BINDINGS:
        return HttpResponseBadRequest("Symulator WK: nieznany scenariusz (unknown scenario)")
    session = SimulatorSession(
        session_index=new_message_id(),
        name_id=new_message_id(),
        entity_id=config.entity_id,
        slo_url=pending["acs_url"].replace("/acs/", "/slo/"),
        person=f"{person.first_name} {person.last_name}",
    )
    response = _signed_response(person, pending, config, scenario, session)
    if scenario in CORRECT_SCENARIOS:
        open_session(session)
    artifact = _artifact()
    cache.set(
        f"wk-sim:artifact:{artifact}",
        {"response": etree.tostring(response), "scenario": scenario},
        PENDING_TTL,
    )
    if binding == "get":
        query = urlencode({"SAMLart": artifact, "RelayState": pending["relay_state"]})
        return HttpResponseRedirect(f"{pending['acs_url']}?{query}")
    # The node's way: an auto-submitted form, POSTed from this site to the town's ACS.
    allow_form_posts_to(request, pending["acs_url"])
    return render(
        request,
        "identity/simulator/post_artifact.html",
        {
            "acs_url": pending["acs_url"],
            "artifact": artifact,
            "relay_state": pending["relay_state"],
        },
    )


def _other_audience(entity_id: str) -> str:
    """Another registered town's entity id (the classic cross-town replay)."""
    for domain in Domain.objects.select_related("tenant").exclude(tenant__schema_name="public"):
        with schema_context(domain.tenant.schema_name):
            other = LoginGovConfig.objects.exclude(entity_id=entity_id).first()
        if other is not None:
            return other.entity_id
    return "https://inna-gmina.example/logowanie/sp"


def _signed_response(
    person: SimulatedPerson,
    pending: dict,
    config: LoginGovConfig,
    scenario: str,
    session: SimulatorSession,
) -> etree._Element:
    """The node's Response in the WK's shape: signed, carrying the encrypted assertion,
    which is itself unsigned unless the scenario asks otherwise."""
    idp_key, idp_cert = idp_key_and_certificate()
    in_response_to = new_message_id() if scenario == "unknown-request" else pending["request_id"]
    assertion = build_assertion(
        person,
        issuer=ENTITY_ID,
        audience=(
            _other_audience(config.entity_id) if scenario == "wrong-audience" else config.entity_id
        ),
        recipient=pending["acs_url"],
        in_response_to=in_response_to,
        loa=pending["loa"] or "http://eidas.europa.eu/LoA/substantial",
        now=datetime.now(UTC) - timedelta(hours=1) if scenario == "expired" else None,
        name_id=session.name_id,
        session_index=session.session_index,
    )
    if scenario == "signed-assertion":
        xmldsig.sign(assertion, idp_key, idp_cert)
    sp_certificate = keys.load_certificate(config.sp_certificate)

    def encrypted(content: etree._Element) -> etree._Element:
        return xmlenc.encrypt_assertion(
            content,
            sp_certificate,
            key_bits=128 if scenario == "key-128" else 256,
            content_algorithm=xmlenc.AES256_GCM,
            party_u_info=ENTITY_ID.encode(),
            party_v_info=config.entity_id.encode(),
        )

    response = etree.Element(
        f"{{{SAMLP}}}Response",
        nsmap={"saml2p": SAMLP, "saml2": SAML},
        ID=new_message_id(),
        InResponseTo=in_response_to,
        IssueInstant=instant(),
        Destination=pending["acs_url"],
        Version="2.0",
    )
    etree.SubElement(response, f"{{{SAML}}}Issuer").text = ENTITY_ID
    status = etree.SubElement(response, f"{{{SAMLP}}}Status")
    etree.SubElement(status, f"{{{SAMLP}}}StatusCode", Value=SUCCESS)
    response.append(encrypted(assertion))
    if scenario != "unsigned":
        xmldsig.sign(response, idp_key, idp_cert)
    if scenario == "tampered":
        # Someone swapped the name after the node signed: the signature no longer holds.
        for value in assertion.iter(f"{{{SAML}}}AttributeValue"):
            if value.text == person.last_name:
                value.text = "Podmieniony"
        sent = response.find(f"{{{SAML}}}EncryptedAssertion")
        assert sent is not None  # appended above
        response.replace(sent, encrypted(assertion))
    return response


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
        answer.append(etree.fromstring(stored["response"]))
    idp_key, idp_cert = idp_key_and_certificate()
    xmldsig.sign(answer, idp_key, idp_cert)
    body = soap_envelope(answer)
    if stored and stored["scenario"] == "doctype":
        body = body.replace(b"<soap", b'<!DOCTYPE e [<!ENTITY x "x">]>\n<soap', 1)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


@csrf_exempt
@require_POST
def single_logout(request: HttpRequest) -> HttpResponse:
    """SOAP singleLogoutService: an SP ends the person's login.gov.pl session."""
    try:
        message = soap_body_child(parse_xml(request.body), SAMLP, "LogoutRequest")
        if message is None:
            raise ValueError("brak LogoutRequest (no LogoutRequest)")
        _verified_from_sp(message)
    except (ValueError, UnsafeXMLError, MalformedXMLError, xmldsig.SignatureError) as error:
        return HttpResponseBadRequest(f"Symulator WK: {error}")
    return HttpResponse(
        soap_envelope(answer_sp_logout(message)), content_type="text/xml; charset=utf-8"
    )


def sessions(request: HttpRequest) -> HttpResponse:
    """A page listing the simulator's live sessions, each with "log out everywhere"
    (IdP-initiated single logout to the SP that holds it)."""
    outcome = None
    if request.method == "POST":
        confirmed = log_out_everywhere(request.POST.get("session_index", ""))
        outcome = "ok" if confirmed else "failed"
    return render(
        request,
        "identity/simulator/sessions.html",
        {"sessions": live_sessions(), "outcome": outcome},
    )
