"""The WK's ArtifactResponse → the authenticated assertion (eurzad.identity.wk.artifact_response).

The WK signs the ArtifactResponse and the Response; the assertion inside the encrypted
part may carry no signature. Accepted: that shape, and a signed assertion in an unsigned
Response. Refused: everything where neither the Response nor the assertion is signed by
the WK key, and the wrapping shapes.
"""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from eurzad.core.xmlsecurity import keys, xmldsig, xmlenc
from eurzad.core.xmlsecurity.xmldsig import SignatureError
from eurzad.core.xmlsecurity.xmlsafe import parse_xml
from eurzad.identity.wk.artifact_response import ResponseRefused, verified_assertion

SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
RESOLVE_ID = "ID-resolve-1"
REQUEST_ID = "ID-authn-1"


@pytest.fixture(scope="module")
def sp() -> tuple[bytes, bytes]:
    return keys.generate_key_and_certificate("https://zembrzyce.localhost/logowanie/sp")


@pytest.fixture(scope="module")
def wk() -> tuple[bytes, bytes]:
    return keys.generate_key_and_certificate("int.login.gov.pl", organization="COI")


@pytest.fixture(scope="module")
def stranger() -> tuple[bytes, bytes]:
    return keys.generate_key_and_certificate("evil.example", organization="Evil")


def _assertion(name: str = "Kowalski") -> etree._Element:
    assertion = etree.Element(
        f"{{{SAML}}}Assertion", nsmap={"saml2": SAML}, ID="ID-assertion-1", Version="2.0"
    )
    etree.SubElement(assertion, f"{{{SAML}}}Issuer").text = "int.login.gov.pl"
    statement = etree.SubElement(assertion, f"{{{SAML}}}AttributeStatement")
    attribute = etree.SubElement(statement, f"{{{SAML}}}Attribute", Name="CurrentFamilyName")
    etree.SubElement(attribute, f"{{{SAML}}}AttributeValue").text = name
    return assertion


def _protocol_message(tag: str, message_id: str, in_response_to: str) -> etree._Element:
    message = etree.Element(
        f"{{{SAMLP}}}{tag}",
        nsmap={"saml2p": SAMLP, "saml2": SAML},
        ID=message_id,
        InResponseTo=in_response_to,
        Version="2.0",
    )
    etree.SubElement(message, f"{{{SAML}}}Issuer").text = "int.login.gov.pl"
    status = etree.SubElement(message, f"{{{SAMLP}}}Status")
    etree.SubElement(status, f"{{{SAMLP}}}StatusCode", Value=SUCCESS)
    return message


def _response(sp_cert: bytes, assertion: etree._Element) -> etree._Element:
    response = _protocol_message("Response", "ID-response-1", REQUEST_ID)
    response.append(xmlenc.encrypt_assertion(assertion, sp_cert))
    return response


def _artifact_response(response: etree._Element, signer: tuple[bytes, bytes]) -> etree._Element:
    answer = _protocol_message("ArtifactResponse", "ID-artifact-response-1", RESOLVE_ID)
    answer.append(response)
    xmldsig.sign(answer, *signer)
    return parse_xml(etree.tostring(answer))  # as it arrives over the network


def _message(
    sp: tuple[bytes, bytes],
    wk: tuple[bytes, bytes],
    *,
    response_signer: tuple[bytes, bytes] | None,
    assertion_signer: tuple[bytes, bytes] | None = None,
) -> etree._Element:
    assertion = _assertion()
    if assertion_signer:
        xmldsig.sign(assertion, *assertion_signer)
    response = _response(sp[1], assertion)
    if response_signer:
        xmldsig.sign(response, *response_signer)
    return _artifact_response(response, wk)


def _open(answer: etree._Element, sp: tuple[bytes, bytes], wk: tuple[bytes, bytes]):  # type: ignore[no-untyped-def]
    return verified_assertion(
        answer,
        resolve_id=RESOLVE_ID,
        request_id=REQUEST_ID,
        idp_certificate=wk[1].decode(),
        sp_private_key=sp[0].decode(),
    )


def _family_name(assertion: etree._Element) -> str | None:
    return assertion.findtext(f".//{{{SAML}}}AttributeValue")


def test_the_wk_shape_signed_response_unsigned_assertion_is_accepted(sp, wk) -> None:
    assertion = _open(_message(sp, wk, response_signer=wk), sp, wk)
    assert assertion.find("{http://www.w3.org/2000/09/xmldsig#}Signature") is None
    assert _family_name(assertion) == "Kowalski"


def test_signed_assertion_inside_an_unsigned_response_is_accepted(sp, wk) -> None:
    answer = _message(sp, wk, response_signer=None, assertion_signer=wk)
    assert _family_name(_open(answer, sp, wk)) == "Kowalski"


def test_both_signed_is_accepted(sp, wk) -> None:
    answer = _message(sp, wk, response_signer=wk, assertion_signer=wk)
    assert _family_name(_open(answer, sp, wk)) == "Kowalski"


def test_neither_response_nor_assertion_signed_is_refused(sp, wk) -> None:
    with pytest.raises(SignatureError, match="neither the response nor the assertion"):
        _open(_message(sp, wk, response_signer=None), sp, wk)


@pytest.mark.parametrize(
    ("response_by", "assertion_by"),
    [("stranger", None), (None, "stranger"), ("wk", "stranger"), ("stranger", "wk")],
)
def test_a_signature_by_another_key_is_refused(sp, wk, stranger, response_by, assertion_by) -> None:
    signers = {"wk": wk, "stranger": stranger, None: None}
    answer = _message(
        sp, wk, response_signer=signers[response_by], assertion_signer=signers[assertion_by]
    )
    with pytest.raises(SignatureError):
        _open(answer, sp, wk)


def test_artifact_response_must_be_signed_by_the_wk(sp, wk, stranger) -> None:
    assertion = _assertion()
    response = _response(sp[1], assertion)
    xmldsig.sign(response, *wk)
    with pytest.raises(SignatureError):
        _open(_artifact_response(response, stranger), sp, wk)


def test_encrypted_assertion_swapped_after_the_response_was_signed_is_refused(sp, wk) -> None:
    response = _response(sp[1], _assertion())
    xmldsig.sign(response, *wk)
    swapped = xmlenc.encrypt_assertion(_assertion("Podmieniony"), sp[1])
    response.replace(response.find(f"{{{SAML}}}EncryptedAssertion"), swapped)
    with pytest.raises(SignatureError):
        _open(_artifact_response(response, wk), sp, wk)


def test_a_second_encrypted_assertion_is_refused(sp, wk) -> None:
    """Wrapping: a signed Response with an extra, attacker-made EncryptedAssertion."""
    response = _response(sp[1], _assertion())
    xmldsig.sign(response, *wk)
    response.append(xmlenc.encrypt_assertion(_assertion("Podmieniony"), sp[1]))
    with pytest.raises((ResponseRefused, SignatureError)):
        _open(_artifact_response(response, wk), sp, wk)


def test_a_plain_assertion_beside_the_encrypted_one_is_refused(sp, wk) -> None:
    response = _response(sp[1], _assertion())
    response.append(_assertion("Podmieniony"))
    xmldsig.sign(response, *wk)
    with pytest.raises(ResponseRefused, match="exactly one encrypted assertion"):
        _open(_artifact_response(response, wk), sp, wk)


def test_a_second_response_is_refused(sp, wk) -> None:
    response = _response(sp[1], _assertion())
    xmldsig.sign(response, *wk)
    answer = _artifact_response(response, wk)
    extra = copy.deepcopy(answer.find(f"{{{SAMLP}}}Response"))
    extra.set("ID", "ID-response-2")
    answer.append(extra)
    # Even re-signed by the node's key, an answer with two Responses is refused.
    answer.remove(answer.find("{http://www.w3.org/2000/09/xmldsig#}Signature"))
    xmldsig.sign(answer, *wk)
    with pytest.raises(ResponseRefused, match="more than one Response"):
        _open(answer, sp, wk)


@pytest.mark.parametrize(
    ("resolve_id", "request_id", "message"),
    [
        ("ID-other", REQUEST_ID, "invalid node response"),
        (RESOLVE_ID, "ID-other", "InResponseTo does not match"),
    ],
)
def test_answers_to_other_requests_are_refused(sp, wk, resolve_id, request_id, message) -> None:
    answer = _message(sp, wk, response_signer=wk)
    with pytest.raises(ResponseRefused, match=message):
        verified_assertion(
            answer,
            resolve_id=resolve_id,
            request_id=request_id,
            idp_certificate=wk[1].decode(),
            sp_private_key=sp[0].decode(),
        )


def test_a_failed_login_is_refused_before_anything_is_decrypted(sp, wk) -> None:
    """Like the public int.login.gov.pl sample: AuthnFailed, with an EncryptedAssertion."""
    response = _response(sp[1], _assertion())
    response.find(f"{{{SAMLP}}}Status/{{{SAMLP}}}StatusCode").set(
        "Value", "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"
    )
    xmldsig.sign(response, *wk)
    with pytest.raises(ResponseRefused, match="did not succeed"):
        _open(_artifact_response(response, wk), sp, wk)
