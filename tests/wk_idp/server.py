"""The independent test IdP over HTTP: SSO page, artifact by auto-submitted POST, SOAP
ArtifactResolve; one "scenario" at a time decides what the ArtifactResponse looks like
(the WK's good answer, or an attack on the SP).

Endpoints (under ``http://127.0.0.1:<port>``):

* ``POST /login/SingleSignOnService`` — ``SAMLRequest`` (base64 of a signed
  ``saml2p:AuthnRequest``) and ``RelayState``; the AuthnRequest's signature is checked
  with the SP's certificate (from the SP's metadata), its Issuer, ACS and binding too.
  Answers a page with the button "Zaloguj".
* ``POST /login/authenticate`` — the button: a one-time artifact is made and the browser
  sent to the ACS with ``SAMLart`` + ``RelayState`` by an auto-submitted form.
* ``POST /login-services/idpArtifactResolutionService`` — SOAP 1.1 (``SOAPAction: ""``)
  with a signed ``saml2p:ArtifactResolve``; answers the SOAP ``saml2p:ArtifactResponse``
  the scenario asks for. An artifact resolves once (except in ``replay-careless``).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import html
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from lxml import etree

from tests.wk_idp import saml
from tests.wk_idp.saml import NS, AssertionFacts, KeyPair, Person, Refused

IDP_ENTITY_ID = "localhost.wk.gov.pl"
SSO_PATH = "/login/SingleSignOnService"
AUTHENTICATE_PATH = "/login/authenticate"
ARTIFACT_PATH = "/login-services/idpArtifactResolutionService"
AGAIN_PATH = "/test/artifact-again"  # test hook: POST the last artifact to the ACS again

MARIA = Person("85121612343", "Maria", "Wiśniewska", "1985-12-16Z")
JAN = Person("44051401359", "Jan", "Kowalski", "1944-05-14Z")

# What the ArtifactResponse looks like. A wrapping scenario may carry "@signed-envelope"
# (see WkIdp.answer); "ok-unsigned-envelope" (a good Response in an unsigned
# ArtifactResponse) is a probe: Głogów's SP refuses it, it demands the envelope's signature.
SCENARIOS = (
    "ok",
    "foreign-encryption-key",
    "foreign-signature",
    "wrong-audience",
    "expired",
    "wrong-in-response-to",
    "plain-assertion",
    "doctype",
    "replay-careless",
    "xsw-evil-response-before",
    "xsw-signed-response-in-extensions",
    "xsw-signed-response-in-object",
    "xsw-second-encrypted-assertion",
    "unsigned-response",
    "nothing-signed",
    "ok-unsigned-envelope",
)


@dataclass(frozen=True)
class ServiceProvider:
    entity_id: str
    cert_pem: bytes
    acs_urls: tuple[str, ...]


@dataclass
class Login:
    """One AuthnRequest on its way: what the answer must refer to."""

    request_id: str
    sp: ServiceProvider
    acs_url: str
    relay_state: str
    scenario: str
    person: Person
    answer: bytes | None = None  # the SOAP answer, once made (kept for replay-careless)


@dataclass
class WkIdp:
    """The IdP's state; :meth:`start` serves it on 127.0.0.1 in a thread."""

    sps: dict[str, ServiceProvider] = field(default_factory=dict)
    entity_id: str = IDP_ENTITY_ID
    keys: KeyPair = field(default_factory=lambda: saml.new_key_pair("TEST WK IdP signing"))
    foreign: KeyPair = field(default_factory=lambda: saml.new_key_pair("TEST attacker"))
    scenario: str = "ok"
    person: Person = MARIA
    evil_person: Person = JAN
    events: list[str] = field(default_factory=list)
    _pending: dict[str, Login] = field(default_factory=dict)
    _artifacts: dict[str, Login] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None
    last_return: tuple[str, str, str] | None = None  # (ACS, SAMLart, RelayState)
    reuse_artifact: bool = False  # test hook: send the last artifact again, in a new login
    replay_answer: bool = False  # test hook: answer any artifact with the last answer made
    last_answer: bytes | None = None

    # ----------------------------------------------------------------- serving

    def start(self, port: int) -> None:
        idp = self

        class Handler(_Handler):
            pass

        Handler.idp = idp
        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def log(self, event: str) -> None:
        with self._lock:
            self.events.append(event)

    def resolves(self) -> list[str]:
        return [event for event in self.events if event.startswith("resolve")]

    # ----------------------------------------------------------------- SSO

    def authn_request(self, form: dict[str, str]) -> tuple[str, str]:
        """Check the AuthnRequest; return (a key for the login page, the person's name)."""
        try:
            xml = base64.b64decode(form.get("SAMLRequest", ""), validate=True)
        except binascii.Error as error:
            raise Refused("SAMLRequest is not base64") from error
        request = saml.parse(xml)
        if request.tag != f"{{{saml.SAMLP}}}AuthnRequest":
            raise Refused(f"not an AuthnRequest: {request.tag}")
        issuer = request.findtext("saml2:Issuer", namespaces=NS) or ""
        sp = self.sps.get(issuer.strip())
        if sp is None:
            raise Refused(f"unknown SP {issuer!r}")
        saml.verify(request, sp.cert_pem)
        acs_url = request.get("AssertionConsumerServiceURL", "")
        if acs_url not in sp.acs_urls:
            raise Refused(f"ACS {acs_url!r} is not in the SP's metadata {sp.acs_urls}")
        if request.get("ProtocolBinding") != saml.ARTIFACT_BINDING:
            raise Refused(f"ProtocolBinding {request.get('ProtocolBinding')!r}")
        if not request.get("ProviderName"):
            raise Refused("no ProviderName")
        loa = request.findtext(
            "saml2p:RequestedAuthnContext/saml2:AuthnContextClassRef", namespaces=NS
        )
        if not loa:
            raise Refused("no RequestedAuthnContext")
        login = Login(
            request_id=request.get("ID", ""),
            sp=sp,
            acs_url=acs_url,
            relay_state=form.get("RelayState", ""),
            scenario=self.scenario,
            person=self.person,
        )
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._pending[key] = login
        self.log(f"authn-request {login.request_id} from {sp.entity_id} loa={loa}")
        return key, login.person.full_name

    def authenticate(self, key: str) -> tuple[str, str, str]:
        """The person logged in: (ACS URL, SAMLart, RelayState)."""
        with self._lock:
            login = self._pending.pop(key, None)
        if login is None:
            raise Refused("no such login")
        if self.reuse_artifact and self.last_return is not None:
            artifact = self.last_return[1]  # an old artifact: replayed into a new login
            self.log(f"old artifact sent again for {login.request_id}")
        else:
            artifact = saml.new_artifact(self.entity_id)
            with self._lock:
                self._artifacts[artifact] = login
            self.log(f"artifact for {login.request_id} ({login.scenario})")
        self.last_return = (login.acs_url, artifact, login.relay_state)
        return self.last_return

    # ----------------------------------------------------------------- ArtifactResolve

    def artifact_resolve(self, body: bytes) -> bytes:
        envelope = saml.parse(body)
        resolve = envelope.find("soap:Body/saml2p:ArtifactResolve", NS)
        if envelope.tag != f"{{{saml.SOAP}}}Envelope" or resolve is None:
            raise Refused("no SOAP envelope with an ArtifactResolve")
        issuer = (resolve.findtext("saml2:Issuer", namespaces=NS) or "").strip()
        sp = self.sps.get(issuer)
        if sp is None:
            raise Refused(f"unknown SP {issuer!r}")
        saml.verify(resolve, sp.cert_pem)
        artifact = (resolve.findtext("saml2p:Artifact", namespaces=NS) or "").strip()
        resolve_id = resolve.get("ID", "")
        with self._lock:
            login = self._artifacts.get(artifact)
            if login is not None and login.scenario != "replay-careless":
                del self._artifacts[artifact]  # one-time
        now = dt.datetime.now(dt.UTC)
        if self.replay_answer and self.last_answer is not None:
            self.log(f"resolve {resolve_id}: an old answer again")
            return self.last_answer
        if login is None or login.sp is not sp:
            # Unknown or used artifact: Success with no message, as SAML says.
            self.log(f"resolve {resolve_id}: unknown artifact, no assertion")
            return saml.soap_envelope(
                saml.artifact_response_xml(
                    idp_entity_id=self.entity_id, in_response_to=resolve_id, issued=now, content=""
                )
            )
        if login.answer is not None:  # replay-careless: the same message once more
            self.log(f"resolve {resolve_id}: the same answer again ({login.scenario})")
            return login.answer
        answer = self.answer(login, resolve_id, now)
        login.answer = answer
        self.last_answer = answer
        self.log(f"resolve {resolve_id}: {login.scenario}")
        return answer

    def facts(self, login: Login, now: dt.datetime, **changes: object) -> AssertionFacts:
        values: dict = {
            "idp_entity_id": self.entity_id,
            "sp_entity_id": login.sp.entity_id,
            "acs_url": login.acs_url,
            "in_response_to": login.request_id,
            "person": login.person,
            "issued": now,
        }
        values.update(changes)
        return AssertionFacts(**values)

    def answer(self, login: Login, resolve_id: str, now: dt.datetime) -> bytes:
        """The SOAP ArtifactResponse of ``login.scenario``.

        A wrapping scenario (``xsw-*``) leaves the ArtifactResponse unsigned (an attacker
        cannot sign it again); ``xsw-*@signed-envelope`` signs it with the IdP's key after
        the wrapping, so that only the SP's check of the Response's own signature stands
        between the evil content and a login."""
        scenario, _, variant = login.scenario.partition("@")
        sp_key = saml.KeyPair(b"", login.sp.cert_pem).public_key
        in_response_to = login.request_id
        facts = self.facts(login, now)
        signer = self.keys
        if scenario == "foreign-encryption-key":
            content = saml.encrypted_assertion_xml(facts, self.foreign.public_key)
        elif scenario == "wrong-audience":
            facts = self.facts(login, now, audience="https://evil.example/sp")
            content = saml.encrypted_assertion_xml(facts, sp_key)
        elif scenario == "expired":
            facts = self.facts(login, now, issued=now - dt.timedelta(hours=1))
            content = saml.encrypted_assertion_xml(facts, sp_key)
        elif scenario == "wrong-in-response-to":
            in_response_to = saml.new_id()
            facts = self.facts(login, now, in_response_to=in_response_to)
            content = saml.encrypted_assertion_xml(facts, sp_key)
        elif scenario == "plain-assertion":
            content = saml.assertion_xml(facts, declare_namespaces=False)
        else:
            content = saml.encrypted_assertion_xml(facts, sp_key)
        if scenario == "foreign-signature":
            signer = self.foreign

        response_id = saml.new_id()
        document = etree.fromstring(
            saml.artifact_response_xml(
                idp_entity_id=self.entity_id,
                in_response_to=resolve_id,
                issued=now,
                content=saml.response_xml(
                    response_id=response_id,
                    idp_entity_id=self.entity_id,
                    in_response_to=in_response_to,
                    acs_url=login.acs_url,
                    issued=now,
                    content=content,
                ),
            )
        )
        response = document.find("saml2p:Response", NS)
        assert response is not None
        if scenario not in ("unsigned-response", "nothing-signed"):
            saml.sign(response, signer)

        if scenario.startswith("xsw-"):
            self.wrap(document, response, login, now, scenario)
        if scenario.startswith("xsw-"):
            if variant == "signed-envelope":
                saml.sign(document, signer)
        elif scenario not in ("nothing-signed", "ok-unsigned-envelope"):
            saml.sign(document, signer)

        prolog = ""
        if scenario == "doctype":
            prolog = '<!DOCTYPE SOAP-ENV:Envelope [<!ENTITY wk "WK">]>\n'
        return saml.soap_envelope(saml.to_bytes(document), prolog=prolog)

    def wrap(
        self,
        document: etree._Element,
        signed: etree._Element,
        login: Login,
        now: dt.datetime,
        scenario: str,
    ) -> None:
        """Signature wrapping: an evil (unsigned) Response or assertion for ``evil_person``,
        encrypted to the SP's public certificate (anybody can), next to the signed one."""
        sp_key = saml.KeyPair(b"", login.sp.cert_pem).public_key
        evil_facts = self.facts(login, now, person=self.evil_person)
        evil_assertion = saml.encrypted_assertion_xml(evil_facts, sp_key)
        if scenario == "xsw-second-encrypted-assertion":
            signed.append(self._fragment(evil_assertion))
            return
        evil = self._fragment(
            saml.response_xml(
                response_id=saml.new_id(),
                idp_entity_id=self.entity_id,
                in_response_to=login.request_id,
                acs_url=login.acs_url,
                issued=now,
                content=evil_assertion,
            )
        )
        if scenario == "xsw-evil-response-before":
            signed.addprevious(evil)
            return
        signature = signed.find("ds:Signature", NS)
        assert signature is not None
        signed.addprevious(evil)
        document.remove(signed)
        copied = etree.fromstring(etree.tostring(signature))
        evil.find("saml2:Issuer", NS).addnext(copied)
        if scenario == "xsw-signed-response-in-extensions":
            extensions = etree.SubElement(evil, f"{{{saml.SAMLP}}}Extensions")
            copied.addnext(extensions)  # Issuer, Signature, Extensions, Status, ...
            extensions.append(signed)
        else:  # xsw-signed-response-in-object
            obj = etree.SubElement(copied, f"{{{saml.DS}}}Object")
            obj.append(signed)

    def _fragment(self, xml: str) -> etree._Element:
        """Parse a prefix-only fragment in the ArtifactResponse's namespace context."""
        wrapper = etree.fromstring(f"<w{saml.ARTIFACT_RESPONSE_NAMESPACES}>{xml}</w>".encode())
        return wrapper[0]


class _Handler(BaseHTTPRequestHandler):
    idp: WkIdp
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        self.idp.log("http " + format % args)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _page(self, status: int, title: str, body: str) -> None:
        page = (
            '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body><main>"
            f"<h1>{html.escape(title)}</h1>{body}</main></body></html>"
        )
        self._send(status, page.encode("utf-8"), "text/html; charset=utf-8")

    def _return_page(self, acs_url: str, artifact: str, relay_state: str) -> None:
        """Back to the SP: SAMLart + RelayState by an auto-submitted (cross-site) POST."""
        self._page(
            200,
            "Powrót do serwisu",
            f'<form method="post" action="{html.escape(acs_url)}">'
            f'<input type="hidden" name="SAMLart" value="{html.escape(artifact)}">'
            f'<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">'
            "<noscript><button>Dalej</button></noscript></form>"
            "<script>document.forms[0].submit()</script>",
        )

    def do_GET(self) -> None:
        if self.path == AGAIN_PATH and self.idp.last_return is not None:
            self.idp.log("artifact posted again")
            self._return_page(*self.idp.last_return)
            return
        self._page(404, "Nie ma takiej strony", "")

    def do_POST(self) -> None:
        idp = self.idp
        try:
            if self.path == ARTIFACT_PATH:
                if self.headers.get("SOAPAction") != '""':
                    raise Refused(f"SOAPAction {self.headers.get('SOAPAction')!r}")
                answer = idp.artifact_resolve(self._body())
                self._send(200, answer, "text/xml; charset=utf-8")
                return
            form = {
                name: values[0] for name, values in parse_qs(self._body().decode("utf-8")).items()
            }
            if self.path == SSO_PATH:
                key, name = idp.authn_request(form)
                self._page(
                    200,
                    "Testowy Węzeł Krajowy",
                    f"<p>Osoba: {html.escape(name)}</p>"
                    f'<form method="post" action="{AUTHENTICATE_PATH}">'
                    f'<input type="hidden" name="key" value="{html.escape(key)}">'
                    "<button>Zaloguj</button></form>",
                )
                return
            if self.path == AUTHENTICATE_PATH:
                self._return_page(*idp.authenticate(form.get("key", "")))
                return
            self._page(404, "Nie ma takiej strony", "")
        except Refused as error:
            idp.log(f"refused {self.path}: {error}")
            if self.path == ARTIFACT_PATH:
                self._send(400, str(error).encode(), "text/plain; charset=utf-8")
            else:
                self._page(400, "Węzeł odmówił", f"<p role=alert>{html.escape(str(error))}</p>")
        except Exception as error:  # a bug here must show in the test, not hang it
            idp.log(f"error {self.path}: {error!r}")
            self._send(500, repr(error).encode(), "text/plain; charset=utf-8")
