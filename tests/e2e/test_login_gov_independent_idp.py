"""Głogów's login.gov.pl SP against an INDEPENDENT Węzeł Krajowy in Chromium.

The IdP (tests/wk_idp/) is written from the WK facts in docs/integrations/login-gov.md
only — it shares no code with the SP or the SP's own simulator — and runs on
127.0.0.1:<its own port> in a thread of this process: another site than the towns. The
town is pointed at it through its LoginGovConfig row (committed, restored afterwards).

A good answer logs the resident in; every attack on the SP (wrong key, wrong audience,
replay, expiry, signature wrapping, ...) ends on the refusal page with nothing created.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.identity.models import LoginGovConfig, Resident
from tests.conftest import GLOGOW_HOST, free_port
from tests.e2e.login import account_removed_afterwards, acs_requests
from tests.e2e.pages import get
from tests.wk_idp import saml
from tests.wk_idp.server import AGAIN_PATH, JAN, MARIA, SSO_PATH, ServiceProvider, WkIdp

pytestmark = [pytest.mark.e2e]

SCHEMA = "glogow"
REFUSED = "Logowanie nie powiodło się"


def _accounts() -> tuple[int, int]:
    with schema_context(SCHEMA):
        return Resident.objects.count(), get_user_model().objects.count()


def _der(pem: bytes | str) -> bytes:
    if isinstance(pem, str):
        pem = pem.encode()
    cert = x509.load_pem_x509_certificate(pem)
    return cert.public_bytes(serialization.Encoding.DER)


def _sp_from_metadata(town_server) -> ServiceProvider:  # type: ignore[no-untyped-def]
    """The SP as its published metadata describes it: entity id, certificate, ACS URLs."""
    status, body = get(town_server.port, GLOGOW_HOST, "/logowanie/metadata/")
    assert status == 200, body[:500]
    metadata = saml.parse(body)
    assert metadata.tag == f"{{{saml.MD}}}EntityDescriptor", metadata.tag
    certificates = {
        text.strip()
        for text in metadata.xpath(
            "md:SPSSODescriptor/md:KeyDescriptor//ds:X509Certificate/text()",
            namespaces=saml.NS,
        )
    }
    assert len(certificates) == 1, certificates
    acs_urls = tuple(
        metadata.xpath(
            "md:SPSSODescriptor/md:AssertionConsumerService/@Location", namespaces=saml.NS
        )
    )
    return ServiceProvider(
        entity_id=metadata.get("entityID"),
        cert_pem=saml.pem_from_base64_der(certificates.pop()),
        acs_urls=acs_urls,
    )


@pytest.fixture(scope="module")
def wk_idp(town_server, demo_towns, django_db_blocker) -> Iterator[WkIdp]:  # type: ignore[no-untyped-def]
    """The independent IdP, serving, with Głogów's LoginGovConfig pointed at it (committed:
    gunicorn reads it) and put back as it was at the end."""
    fields = ("environment", "idp_base_url", "idp_issuer", "idp_certificate")
    with django_db_blocker.unblock(), schema_context(SCHEMA):
        config = LoginGovConfig.objects.get()
        original = {name: getattr(config, name) for name in fields}
        entity_id, sp_certificate = config.entity_id, config.sp_certificate
    sp = _sp_from_metadata(town_server)
    # The metadata speaks for the town's configuration.
    assert sp.entity_id == entity_id
    assert _der(sp.cert_pem) == _der(sp_certificate)
    idp = WkIdp(sps={sp.entity_id: sp})
    idp.start(free_port())
    try:
        with django_db_blocker.unblock(), schema_context(SCHEMA):
            config = LoginGovConfig.objects.get()
            config.environment = LoginGovConfig.Environment.INTEGRATION
            config.idp_base_url = idp.base_url
            config.idp_issuer = idp.entity_id
            config.idp_certificate = idp.keys.cert_pem.decode("ascii")
            config.save()
        yield idp
    finally:
        idp.stop()
        with django_db_blocker.unblock(), schema_context(SCHEMA):
            config = LoginGovConfig.objects.get()
            for name, value in original.items():
                setattr(config, name, value)
            config.save()


@pytest.fixture
def idp(wk_idp: WkIdp, committed_db) -> Iterator[WkIdp]:  # type: ignore[no-untyped-def]
    wk_idp.scenario = "ok"
    wk_idp.events.clear()
    yield wk_idp
    wk_idp.scenario = "ok"


def _log_in(page, town_server, idp: WkIdp) -> None:  # type: ignore[no-untyped-def]
    """From Głogów's login page to the independent IdP (the town's own form posts the
    AuthnRequest there), "authenticated" with its button, back to the town."""
    page.goto(town_server.url(GLOGOW_HOST, "/logowanie/"), wait_until="load")
    page.get_by_role("button", name="Zaloguj się przez login.gov.pl").click()
    page.wait_for_url(f"{idp.base_url}{SSO_PATH}")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Testowy Węzeł Krajowy", (
        f"the IdP refused the AuthnRequest: {page.locator('main').inner_text()}\n{idp.events}"
    )
    page.get_by_role("button", name="Zaloguj").click()
    page.wait_for_url(lambda url: GLOGOW_HOST in url)
    page.wait_for_load_state("load")


def _diagnostics(page, town_server, idp: WkIdp) -> str:  # type: ignore[no-untyped-def]
    return (
        f"page {page.url}:\n{page.locator('body').inner_text()[:1500]}\n"
        f"IdP events: {idp.events}\ngunicorn log:\n{town_server.log_tail(3000)}"
    )


def test_resident_logs_in_through_the_independent_idp(browser, town_server, idp):
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        acs_posts = acs_requests(page, "POST")
        with account_removed_afterwards(SCHEMA, MARIA.pesel):
            _log_in(page, town_server, idp)
            main = page.locator("main")
            heading = page.get_by_role("heading", name="Mój e-Urząd", level=1)
            assert heading.is_visible(), _diagnostics(page, town_server, idp)
            expect(main).to_contain_text(MARIA.full_name)
            expect(main).not_to_contain_text(MARIA.pesel)
        # The artifact came by the IdP's cross-site POST and was resolved once.
        assert len(acs_posts) == 1
        assert acs_posts[0].all_headers().get("sec-fetch-site") == "cross-site"
        assert [e for e in idp.resolves() if e.endswith(": ok")], idp.events
        assert len(idp.resolves()) == 1, idp.events
    finally:
        context.close()


# Each attack and (the English part of) the reason the town's refusal page gives.
SIGNATURE_INVALID = "signature is invalid"
NO_ENVELOPE_SIGNATURE = "expected exactly one signature, found 0"
ATTACKS = {
    # The assertion encrypted to an attacker's key, not the SP certificate's.
    "foreign-encryption-key": "could not decrypt the assertion",
    # ArtifactResponse and Response signed by an attacker's key (its certificate inline).
    "foreign-signature": SIGNATURE_INVALID,
    "wrong-audience": "assertion is for another audience",
    "expired": "assertion expired",
    "wrong-in-response-to": "InResponseTo does not match this login",
    # The WK always encrypts: a plain Assertion in the signed Response is refused.
    "plain-assertion": "exactly one encrypted assertion",
    "doctype": "DOCTYPE",
    # Signature wrapping with the evil content for Jan Kowalski. Whoever wraps cannot sign
    # the ArtifactResponse again: the SP refuses it for that first.
    "xsw-evil-response-before": NO_ENVELOPE_SIGNATURE,
    "xsw-signed-response-in-extensions": NO_ENVELOPE_SIGNATURE,
    "xsw-signed-response-in-object": NO_ENVELOPE_SIGNATURE,
    "xsw-second-encrypted-assertion": NO_ENVELOPE_SIGNATURE,
    # The same with the ArtifactResponse signed by the IdP after the wrapping: only the
    # SP's check of the Response's own signature stands in the way. (Two Responses get
    # the page's generic reason.)
    "xsw-evil-response-before@signed-envelope": "more than one Response",
    "xsw-signed-response-in-extensions@signed-envelope": "signature references another element",
    "xsw-signed-response-in-object@signed-envelope": "signature references another element",
    "xsw-second-encrypted-assertion@signed-envelope": SIGNATURE_INVALID,
    # The ArtifactResponse signed, the Response and the assertion not.
    "unsigned-response": "neither the response nor the assertion is signed",
    "nothing-signed": NO_ENVELOPE_SIGNATURE,
}


@pytest.mark.parametrize(("scenario", "reason"), ATTACKS.items(), ids=list(ATTACKS))
def test_attack_is_refused_and_nothing_is_created(browser, town_server, idp, scenario, reason):
    idp.scenario = scenario
    before = _accounts()
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        with (
            account_removed_afterwards(SCHEMA, MARIA.pesel),
            account_removed_afterwards(SCHEMA, JAN.pesel),
        ):
            _log_in(page, town_server, idp)
            # The SP really resolved the artifact and got this scenario's answer.
            assert any(e.endswith(f": {scenario}") for e in idp.resolves()), idp.events
            refused = page.get_by_role("heading", name=REFUSED)
            assert refused.is_visible(), _diagnostics(page, town_server, idp)
            expect(page.get_by_role("alert")).to_contain_text(reason)
            expect(page.get_by_role("heading", name="Mój e-Urząd")).to_have_count(0)
            for person in (MARIA, JAN):
                expect(page.locator("main")).not_to_contain_text(person.pesel)
                expect(page.locator("main")).not_to_contain_text(person.full_name)
            assert _accounts() == before
    finally:
        context.close()
    assert _accounts() == before


REPLAYS = {
    # The town's own same-site ACS link (the artifact handed on from the POST) again.
    "acs-link-again": "already used or has expired",
    # The IdP's cross-site POST of the same SAMLart + RelayState again.
    "artifact-posted-again": "not started in this browser",
    # Another browser starts its own login and is sent the old artifact.
    "old-artifact-in-new-login": "this login link was already used",
    # Another browser starts its own login, gets a new artifact, and the IdP answers it
    # with the old (validly signed) ArtifactResponse: a replayed message.
    "old-answer-in-new-login": "invalid node response",
}


@pytest.mark.parametrize("scenario", ["ok", "replay-careless"])
@pytest.mark.parametrize("how", list(REPLAYS))
def test_replayed_artifact_is_refused(browser, town_server, idp, scenario, how):
    """After a good login the same artifact comes back. The IdP resolves an artifact
    once (``ok``: a second ArtifactResolve gets no assertion) — or, careless, serves the
    same signed message again (``replay-careless``): the SP must refuse both."""
    idp.scenario = scenario
    context = browser.new_context(locale="pl-PL")
    try:
        page = context.new_page()
        acs_gets = acs_requests(page, "GET")
        with account_removed_afterwards(SCHEMA, MARIA.pesel):
            _log_in(page, town_server, idp)
            heading = page.get_by_role("heading", name="Mój e-Urząd", level=1)
            assert heading.is_visible(), _diagnostics(page, town_server, idp)
            before = _accounts()
            resolves = len(idp.resolves())
            if how == "acs-link-again":
                assert acs_gets, "the ACS POST was not handed to a GET"
                page.goto(acs_gets[0].url, wait_until="load")
            elif how == "artifact-posted-again":
                page.goto(f"{idp.base_url}{AGAIN_PATH}")
                page.wait_for_url(lambda url: GLOGOW_HOST in url)
                page.wait_for_load_state("load")
            else:
                context.close()
                context = browser.new_context(locale="pl-PL")
                page = context.new_page()
                idp.reuse_artifact = how == "old-artifact-in-new-login"
                idp.replay_answer = how == "old-answer-in-new-login"
                _log_in(page, town_server, idp)
            refused = page.get_by_role("heading", name=REFUSED)
            assert refused.is_visible(), _diagnostics(page, town_server, idp)
            expect(page.get_by_role("alert")).to_be_visible()
            expect(page.get_by_role("alert")).to_contain_text(REPLAYS[how])
            # No fresh assertion was handed out after the first login (the town refuses a
            # used artifact before resolving it; seen so far: no second ArtifactResolve).
            again = idp.resolves()[resolves:]
            fresh = [e for e in again if not e.endswith(("no assertion", "old answer again"))]
            assert not fresh, idp.events
            assert _accounts() == before
    finally:
        idp.reuse_artifact = idp.replay_answer = False
        context.close()
