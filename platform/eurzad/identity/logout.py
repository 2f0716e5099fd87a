"""Single logout with the Węzeł Krajowy, over SOAP in both directions.

SP-initiated: the resident logs out here; we send a signed LogoutRequest to the node so
their login.gov.pl session ends too. IdP-initiated: the node tells us a login.gov.pl
session ended (the resident logged out elsewhere); we end the town session that came from
it. The node's session index points to our session key through the (town-scoped) cache.
"""

from __future__ import annotations

import logging
from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from eurzad.core.xmlsecurity import xmldsig
from eurzad.core.xmlsecurity.xmlsafe import parse_xml
from eurzad.identity.assertions import VerifiedIdentity
from eurzad.identity.login import post_soap
from eurzad.identity.models import LoginGovConfig
from eurzad.identity.protocol import (
    SAML,
    SAMLP,
    logout_request,
    logout_response,
    soap_body_child,
    soap_envelope,
)

log = logging.getLogger(__name__)
WK_SESSION_KEY = "eurzad.identity.wk_session"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"


class LogoutRefused(ValueError):
    """A logout message we cannot accept; the message is bilingual."""


def _index_key(session_index: str) -> str:
    return f"wk-session:{session_index}"


def remember_wk_session(request: HttpRequest, identity: VerifiedIdentity) -> None:
    """After login: keep what single logout needs (call after ``login()``, which rotates
    the session key)."""
    if not identity.session_index:
        return
    request.session[WK_SESSION_KEY] = {
        "name_id": identity.name_id,
        "session_index": identity.session_index,
    }
    request.session.save()
    cache.set(
        _index_key(identity.session_index), request.session.session_key, settings.SESSION_COOKIE_AGE
    )


def end_wk_session(request: HttpRequest) -> bool:
    """SP-initiated logout at the node. Returns False when the node did not confirm
    (the local logout happens anyway; the resident is told to close the browser)."""
    wk_session = request.session.get(WK_SESSION_KEY)
    config = LoginGovConfig.objects.first()
    if not wk_session or config is None:
        return True
    cache.delete(_index_key(wk_session["session_index"]))
    message = logout_request(
        config.entity_id,
        config.single_logout_url,
        wk_session["name_id"],
        wk_session["session_index"],
    )
    xmldsig.sign(message, config.sp_private_key, config.sp_certificate)
    try:
        envelope = parse_xml(post_soap(config.single_logout_url, soap_envelope(message)))
        answer = soap_body_child(envelope, SAMLP, "LogoutResponse")
        if answer is None or answer.get("InResponseTo") != message.get("ID"):
            raise LogoutRefused("unexpected answer")
        xmldsig.verify(answer, config.trusted_idp_certificate)
        code = answer.find(f"{{{SAMLP}}}Status/{{{SAMLP}}}StatusCode")
        return code is not None and code.get("Value") == SUCCESS
    except (OSError, ValueError) as error:
        log.warning("Single logout at the national node failed: %s", type(error).__name__)
        return False


def handle_idp_logout(body: bytes) -> bytes:
    """IdP-initiated logout: verify the node's signed LogoutRequest, end the session it
    names, and return the signed SOAP LogoutResponse. Raises :class:`LogoutRefused`."""
    config = LoginGovConfig.objects.first()
    if config is None:
        raise LogoutRefused("Brak konfiguracji login.gov.pl (login.gov.pl is not configured).")
    envelope = parse_xml(body)
    message = soap_body_child(envelope, SAMLP, "LogoutRequest")
    if message is None:
        raise LogoutRefused("To nie jest żądanie wylogowania (not a LogoutRequest).")
    if (message.findtext(f"{{{SAML}}}Issuer") or "").strip() != config.idp_entity_id:
        raise LogoutRefused("Nieznany wystawca (unknown issuer).")
    try:
        xmldsig.verify(message, config.trusted_idp_certificate)
    except xmldsig.SignatureError as error:
        raise LogoutRefused(f"Nieprawidłowy podpis (invalid signature): {error}") from error
    session_index = (message.findtext(f"{{{SAMLP}}}SessionIndex") or "").strip()
    session_key = cache.get(_index_key(session_index)) if session_index else None
    if session_key:
        engine = import_module(settings.SESSION_ENGINE)
        engine.SessionStore(session_key=session_key).delete()
        cache.delete(_index_key(session_index))
    answer = logout_response(config.entity_id, message.get("ID", ""))
    xmldsig.sign(answer, config.sp_private_key, config.sp_certificate)
    return soap_envelope(answer)
