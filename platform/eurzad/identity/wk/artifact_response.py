"""From the WK's ``ArtifactResponse`` to the decrypted, authenticated ``saml:Assertion``.

What the Węzeł Krajowy sends (docs/integrations/login-gov.md, "Signatures")::

    saml2p:ArtifactResponse            signed (enveloped, over its ID)
      saml2p:Response                  signed (enveloped, over its ID)
        saml2:EncryptedAssertion       covered by the Response's signature
          -> saml2:Assertion           may carry no signature of its own

The chain, each step with the anti-wrapping rules of :func:`.xmldsig.verify` (one
signature, a single Reference to the element's own, document-unique ID, trusted
certificate only):

1. the ArtifactResponse answers our ArtifactResolve and is signed by the WK key;
2. it holds exactly one Response, answering our AuthnRequest, both with status Success;
3. the Response carries exactly one EncryptedAssertion and no plain Assertion;
4. the Response's signature, if any, is verified *before* decryption; the assertion's
   signature, if any, after it; at least one of the two must be there. An unsigned
   assertion is accepted only because the signed Response covers the EncryptedAssertion
   it came from (it was taken from that very element, never searched for elsewhere).
"""

from __future__ import annotations

from lxml import etree

from eurzad.core.xmlsecurity import xmldsig, xmlenc

__all__ = ["ResponseRefused", "verified_assertion"]

SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
DS = "http://www.w3.org/2000/09/xmldsig#"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"


class ResponseRefused(ValueError):
    """The node's answer does not authenticate anybody; the message is safe to show."""


def _status_ok(element: etree._Element) -> bool:
    code = element.find(f"{{{SAMLP}}}Status/{{{SAMLP}}}StatusCode")
    return code is not None and code.get("Value") == SUCCESS


def _is_signed(element: etree._Element) -> bool:
    return element.find(f"{{{DS}}}Signature") is not None


def _only_child(parent: etree._Element, namespace: str, tag: str) -> etree._Element | None:
    found = parent.findall(f"{{{namespace}}}{tag}")
    return found[0] if len(found) == 1 else None


def verified_assertion(
    answer: etree._Element,
    *,
    resolve_id: str,
    request_id: str,
    idp_certificate: str,
    sp_private_key: str,
) -> etree._Element:
    """The assertion inside ``answer`` (a parsed ``saml2p:ArtifactResponse``), decrypted and
    authenticated by the WK key as described in the module documentation.

    Raises :class:`ResponseRefused`, :class:`.xmldsig.SignatureError` or
    :class:`.xmlenc.DecryptionError`; the assertion's own conditions (issuer, audience,
    time, subject) are checked afterwards by :mod:`eurzad.identity.assertions`.
    """
    if answer.tag != f"{{{SAMLP}}}ArtifactResponse" or answer.get("InResponseTo") != resolve_id:
        raise ResponseRefused("Nieprawidłowa odpowiedź Węzła Krajowego (invalid node response).")
    xmldsig.verify(answer, idp_certificate)
    if len(answer.findall(f"{{{SAMLP}}}Response")) > 1:
        raise ResponseRefused(
            "Odpowiedź Węzła Krajowego zawiera kilka odpowiedzi logowania – odrzucono ją "
            "(the node's answer carries more than one Response; refused)."
        )
    response = _only_child(answer, SAMLP, "Response")
    if not _status_ok(answer) or response is None or not _status_ok(response):
        raise ResponseRefused("Logowanie nie powiodło się (the login did not succeed).")
    if response.get("InResponseTo") != request_id:
        raise ResponseRefused(
            "Odpowiedź nie dotyczy logowania rozpoczętego w tej przeglądarce "
            "(InResponseTo does not match this login)."
        )
    response_signed = _is_signed(response)
    if response_signed:
        xmldsig.verify(response, idp_certificate)
    encrypted = _only_child(response, SAML, "EncryptedAssertion")
    if encrypted is None or response.find(f"{{{SAML}}}Assertion") is not None:
        raise ResponseRefused(
            "Odpowiedź musi zawierać dokładnie jedną zaszyfrowaną asercję "
            "(the response must carry exactly one encrypted assertion)."
        )
    assertion = xmlenc.decrypt_encrypted_assertion(encrypted, sp_private_key)
    if _is_signed(assertion):
        xmldsig.verify(assertion, idp_certificate)
    elif not response_signed:
        raise xmldsig.SignatureError(
            "ani odpowiedź, ani asercja nie są podpisane – neither the response nor the "
            "assertion is signed"
        )
    return assertion
