"""The SP side of a login.gov.pl login: start (signed AuthnRequest by HTTP-POST) and
finish (artifact → signed SOAP ArtifactResolve → verified, decrypted assertion → the
resident's account)."""

from __future__ import annotations

import base64
import secrets
import urllib.request
from dataclasses import dataclass

from django.db import connection
from django.http import HttpRequest
from lxml import etree

from eurzad.core.xmlsecurity import xmldsig, xmlenc
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml
from eurzad.identity.accounts import open_account
from eurzad.identity.assertions import (
    AssertionRejected,
    Expectations,
    VerifiedIdentity,
    verify_assertion,
)
from eurzad.identity.models import AccountSettings, LoginGovConfig, Resident
from eurzad.identity.protocol import (
    SAMLP,
    ServiceProvider,
    artifact_resolve,
    authn_request,
    soap_envelope,
)
from eurzad.identity.replay import first_use
from eurzad.identity.services import sp_urls
from eurzad.identity.wk.artifact_response import ResponseRefused, verified_assertion
from eurzad.parties.models import Party

SESSION_KEY = "eurzad.identity.pending_login"
# A resident's session: the model backend, loading the Resident with the user.
BACKEND = "eurzad.identity.backends.ResidentSessionBackend"


class LoginRefused(Exception):
    """The login cannot complete; the message is bilingual and safe to show."""


@dataclass(frozen=True)
class LoginStart:
    sso_url: str
    saml_request: str
    relay_state: str


def _sp(config: LoginGovConfig, request: HttpRequest) -> ServiceProvider:
    urls = sp_urls(request.get_host(), request.scheme or "https")
    return ServiceProvider(
        config.entity_id, urls["acs_url"], urls["slo_url"], config.sp_certificate
    )


def _provider_name(request: HttpRequest) -> str:
    """The name the WK shows the person ("… chce potwierdzić Twoją tożsamość")."""
    town = getattr(connection, "tenant", None)
    return (getattr(town, "official_name", "") or getattr(town, "name", "")) or (
        request.get_host().split(":")[0]
    )


def start_login(request: HttpRequest) -> LoginStart:
    config = LoginGovConfig.objects.first()
    if config is None or not config.trusted_idp_certificate:
        raise LoginRefused(
            "Logowanie przez login.gov.pl nie jest jeszcze skonfigurowane w tej gminie "
            "(login.gov.pl is not configured for this municipality yet)."
        )
    sp = _sp(config, request)
    message = authn_request(
        sp, config.sso_url, config.minimum_loa, provider_name=_provider_name(request)
    )
    xmldsig.sign(message, config.sp_private_key, config.sp_certificate)
    relay_state = secrets.token_urlsafe(32)
    request.session[SESSION_KEY] = {"request_id": message.get("ID"), "relay_state": relay_state}
    return LoginStart(
        sso_url=config.sso_url,
        saml_request=base64.b64encode(etree.tostring(message)).decode(),
        relay_state=relay_state,
    )


def post_soap(url: str, body: bytes) -> bytes:
    """POST a SOAP message to the configured Węzeł Krajowy endpoint; the answer's bytes."""
    # SOAP 1.1 over HTTP: the SOAPAction header must be there; the WK's is empty.
    headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}
    http = urllib.request.Request(  # noqa: S310 - the configured WK endpoint
        url, data=body, headers=headers, method="POST"
    )
    with urllib.request.urlopen(http, timeout=15) as answer:  # noqa: S310
        return answer.read()


NO_ARTIFACT = (
    "Węzeł Krajowy nie przekazał artefaktu logowania (pole SAMLart) – zacznij logowanie od "
    "nowa (the national node sent no login artifact, field SAMLart; please start again)."
)


def finish_login(request: HttpRequest, artifact: str, relay_state: str) -> VerifiedIdentity:
    """Resolve ``artifact`` for the login this browser started (its session holds the
    AuthnRequest ID and RelayState) and return the verified identity."""
    if not artifact:
        raise LoginRefused(NO_ARTIFACT)
    pending = request.session.pop(SESSION_KEY, None)
    if (
        not pending
        or not relay_state
        or not secrets.compare_digest(pending["relay_state"], relay_state)
    ):
        raise LoginRefused(
            "To logowanie nie zostało rozpoczęte w tej przeglądarce – zacznij od nowa "
            "(this login was not started in this browser; please start again)."
        )
    if not first_use("saml-artifact", artifact):
        raise LoginRefused(
            "Ten link logowania został już użyty (this login link was already used)."
        )
    config = LoginGovConfig.objects.get()
    sp = _sp(config, request)
    resolve = artifact_resolve(sp, config.artifact_resolution_url, artifact)
    xmldsig.sign(resolve, config.sp_private_key, config.sp_certificate)
    try:
        envelope = parse_xml(post_soap(config.artifact_resolution_url, soap_envelope(resolve)))
    except OSError as error:
        raise LoginRefused(
            "Węzeł Krajowy nie odpowiada – spróbuj za chwilę "
            "(the national login node does not answer; try again shortly)."
        ) from error
    answer = envelope.find(f".//{{{SAMLP}}}ArtifactResponse")
    if answer is None:
        raise LoginRefused("Nieprawidłowa odpowiedź Węzła Krajowego (invalid node response).")
    try:
        assertion = verified_assertion(
            answer,
            resolve_id=resolve.attrib["ID"],
            request_id=pending["request_id"],
            idp_certificate=config.trusted_idp_certificate,
            sp_private_key=config.sp_private_key,
        )
    except ResponseRefused as refused:
        raise LoginRefused(str(refused)) from refused
    except xmldsig.SignatureError as error:
        raise LoginRefused(
            "Podpis odpowiedzi Węzła Krajowego jest nieprawidłowy – odrzucono ją "
            f"(the national node's signature is invalid; response refused): {error}"
        ) from error
    return verify_assertion(
        assertion,
        Expectations(
            issuer=config.idp_entity_id,
            audience=config.entity_id,
            recipient=sp.acs_url,
            in_response_to=pending["request_id"],
            minimum_loa=config.minimum_loa,
        ),
    )


class AccessRequestNeeded(LoginRefused):
    """login.gov.pl confirmed who the person is, but the office has not opened their
    account: they may file an access request (Wniosek o dostęp)."""

    def __init__(self, identity: VerifiedIdentity) -> None:
        self.identity = identity
        super().__init__(
            "Nie masz jeszcze konta w e-Urzędzie tej gminy. Złóż wniosek o dostęp "
            "(you have no account here yet; file an access request)."
        )


def resident_for(identity: VerifiedIdentity) -> Resident:
    """The verified person's account. By the town's policy, the first login of a PESEL the
    office knows opens it at once (instant) — or only an approved access request does."""
    party = Party.objects.filter(pesel=identity.pesel).first()
    resident = Resident.objects.filter(party=party).first() if party else None
    if resident is not None:
        return resident
    policy = AccountSettings.load().account_policy
    if party is None or policy != AccountSettings.Policy.INSTANT:
        raise AccessRequestNeeded(identity)
    return open_account(party, first_name=identity.first_name, last_name=identity.last_name)


# Refusals whose message was written for people (bilingual, no personal data).
REFUSALS = (
    LoginRefused,
    AssertionRejected,
    xmldsig.SignatureError,
    xmlenc.DecryptionError,
    UnsafeXMLError,
    MalformedXMLError,
)
UNEXPECTED = (
    "Odpowiedź Węzła Krajowego ma nieoczekiwaną postać – logowanie przerwano, spróbuj "
    "ponownie (the national node's response has an unexpected form; the login was stopped)."
)
