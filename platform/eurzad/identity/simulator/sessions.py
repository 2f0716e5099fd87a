"""The simulator's login sessions and single logout (SOAP both ways), as the Węzeł
Krajowy does: an SP may end a session (singleLogoutService), and the node tells every
SP when a person logs out (a LogoutRequest to the SP's SingleLogoutService)."""

from __future__ import annotations

import http.client
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from django.core.cache import cache
from lxml import etree

from eurzad.core.xmlsecurity import xmldsig
from eurzad.core.xmlsecurity.xmlsafe import parse_xml
from eurzad.identity.protocol import (
    SAMLP,
    logout_request,
    logout_response,
    soap_body_child,
    soap_envelope,
)
from eurzad.identity.simulator.keys import ENTITY_ID, idp_key_and_certificate

SESSION_TTL = 8 * 3600
INDEX_KEY = "wk-sim:sessions"
KEEP_SESSIONS = 100


@dataclass(frozen=True)
class SimulatorSession:
    session_index: str
    name_id: str
    entity_id: str
    slo_url: str
    person: str


def _key(session_index: str) -> str:
    return f"wk-sim:session:{session_index}"


def open_session(session: SimulatorSession) -> None:
    cache.set(_key(session.session_index), asdict(session), SESSION_TTL)
    index = [i for i in cache.get(INDEX_KEY, []) if i != session.session_index]
    cache.set(INDEX_KEY, [session.session_index, *index][:KEEP_SESSIONS], SESSION_TTL)


def close_session(session_index: str) -> SimulatorSession | None:
    stored = cache.get(_key(session_index))
    cache.delete(_key(session_index))
    return SimulatorSession(**stored) if stored else None


def live_sessions() -> list[SimulatorSession]:
    found = [cache.get(_key(index)) for index in cache.get(INDEX_KEY, [])]
    return [SimulatorSession(**stored) for stored in found if stored]


def _post_local(url: str, body: bytes) -> tuple[int, bytes]:
    """POST to an SP on this machine; ``*.localhost`` names go to 127.0.0.1 by Host header."""
    parts = urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    connect_to = "127.0.0.1" if host == "localhost" or host.endswith(".localhost") else host
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(connect_to, parts.port, timeout=15)
    try:
        connection.request(
            "POST",
            parts.path or "/",
            body=body,
            headers={"Host": parts.netloc, "Content-Type": "text/xml; charset=utf-8"},
        )
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def log_out_everywhere(session_index: str) -> bool:
    """IdP-initiated logout: tell the SP the session ended; True when it confirmed."""
    session = close_session(session_index)
    if session is None:
        return False
    message = logout_request(ENTITY_ID, session.slo_url, session.name_id, session_index)
    idp_key, idp_cert = idp_key_and_certificate()
    xmldsig.sign(message, idp_key, idp_cert)
    status, body = _post_local(session.slo_url, soap_envelope(message))
    if status != 200:
        return False
    answer = soap_body_child(parse_xml(body), SAMLP, "LogoutResponse")
    if answer is None or answer.get("InResponseTo") != message.get("ID"):
        return False
    code = answer.find(f"{{{SAMLP}}}Status/{{{SAMLP}}}StatusCode")
    return code is not None and code.get("Value", "").endswith(":Success")


def answer_sp_logout(message: etree._Element) -> etree._Element:
    """SP-initiated logout (already signature-checked): end the session, build the answer."""
    close_session((message.findtext(f"{{{SAMLP}}}SessionIndex") or "").strip())
    answer = logout_response(ENTITY_ID, message.get("ID", ""))
    idp_key, idp_cert = idp_key_and_certificate()
    xmldsig.sign(answer, idp_key, idp_cert)
    return answer
