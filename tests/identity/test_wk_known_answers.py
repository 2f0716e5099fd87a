"""Known answers for the WK (login.gov.pl) EncryptedAssertion, independent of our encryptor.

The messages come from ``wk_reference_builder`` (a test-only builder written from the public
samples, not from ``eurzad.core.xmlsecurity.xmlenc``); the ConcatKDF is computed by hand with
``hashlib``. See docs/integrations/login-gov.md, section "Encryption of the assertion".

Pure tests (sample parsing, hand KDF, the builder and the committed file checked by a
reference decryption written here) need nothing from the SP. The others run the SP
decryptor ``eurzad.core.xmlsecurity.xmlenc.decrypt_encrypted_assertion``. No database.
"""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash
from cryptography.hazmat.primitives.keywrap import aes_key_unwrap
from lxml import etree

from eurzad.core.xmlsecurity.xmlenc import DecryptionError, decrypt_encrypted_assertion
from eurzad.core.xmlsecurity.xmlsafe import parse_xml

from . import wk_reference_builder as wk

SAML = wk.SAML
XENC = wk.XENC
XENC11 = wk.XENC11
DSIG11 = wk.DSIG11
DS = wk.DS
NATURAL_PERSON = wk.EIDAS_NATURAL_PERSON + "/"

# Fixed-key known answers (the label-derived SP and ephemeral TEST keys), computed once.
KNOWN_Z = bytes.fromhex("8a29a1bf8a663a92e1d502f757f67630dfeccbd8ee438befadea33d444b4fb9a")
# KEK for the public sample's ConcatKDFParams (kw-aes256, int.login.gov.pl, otwartedane).
KNOWN_KEK_SAMPLE_PARAMS = bytes.fromhex(
    "e9b47662e3abeb518da26a4fdfd5eab848fdbdca9f5616ad7ee3d7f0cc926ece"
)
# The same Z with the XML-Enc 1.1 §5.4.1 reading (no length prefixes): a different key.
KNOWN_KEK_WITHOUT_PREFIXES = bytes.fromhex(
    "fb5490ff647c9ea3ba7a401c6ede5b5dc3e4bedcedbbff2dd702019941aa5be3"
)
# KEK of the committed file (PartyVInfo = our SP entity id).
KNOWN_KEK_FILE = bytes.fromhex("0cbeb63fac53ad5f569f02d3403ccc05f7e1fe27d2a8f7ac650ec1d39ddcc0c8")
FILE_PARTY_V_INFO = b"https://zembrzyce.localhost/logowanie/sp"


@pytest.fixture(scope="module")
def sp_key() -> ec.EllipticCurvePrivateKey:
    return wk.load_known_answer_sp_test_key()


@pytest.fixture(scope="module")
def sp_key_pem() -> bytes:
    return wk.known_answer_sp_test_key_pem()


def _encrypted_assertion_in_response(built: wk.BuiltEncryptedAssertion) -> etree._Element:
    """Parse the builder's output inside its Response (prefixes declared there only)."""
    response = parse_xml(wk.build_response(built.xml).encode("utf-8"))
    found = response.find(f"{{{SAML}}}EncryptedAssertion")
    assert found is not None
    return found


def _c14n(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n")


def _attributes(assertion: etree._Element) -> dict[str, str]:
    return {
        a.get("Name", ""): a.findtext(f"{{{SAML}}}AttributeValue") or ""
        for a in assertion.iter(f"{{{SAML}}}Attribute")
    }


def _check_person(assertion: etree._Element) -> None:
    assert assertion.tag == f"{{{SAML}}}Assertion"
    attributes = _attributes(assertion)
    assert attributes[NATURAL_PERSON + "PersonIdentifier"] == "87022210008"
    assert attributes[NATURAL_PERSON + "CurrentGivenName"] == "Łucja"
    assert attributes[NATURAL_PERSON + "CurrentFamilyName"] == "Gęślarska-Testowa"
    assert attributes[NATURAL_PERSON + "DateOfBirth"] == "1987-02-22Z"
    assert assertion.findtext(f"{{{SAML}}}Issuer") == "int.login.gov.pl"
    assert (
        assertion.findtext(f".//{{{SAML}}}Audience") == "https://zembrzyce.localhost/logowanie/sp"
    )


def _build(sp_key: ec.EllipticCurvePrivateKey, **kwargs: object) -> wk.BuiltEncryptedAssertion:
    options: dict[str, object] = {
        "ephemeral_private_key": wk.fixed_ephemeral_key(),
        "content_key": wk.TEST_CONTENT_KEY_256,
        "iv": wk.TEST_IV,
    }
    options.update(kwargs)
    return wk.build_encrypted_assertion(
        wk.wk_assertion_xml(),
        sp_key.public_key(),
        **options,  # type: ignore[arg-type]
    )


def _reference_decrypt(
    encrypted_assertion: etree._Element, sp_key: ec.EllipticCurvePrivateKey
) -> tuple[bytes, bytes]:
    """Decrypt the WK way, written here from the facts (not the SP code): (KEK, plaintext)."""
    params = encrypted_assertion.find(f".//{{{XENC11}}}ConcatKDFParams")
    point = base64.b64decode(encrypted_assertion.findtext(f".//{{{DSIG11}}}PublicKey") or "")
    values = encrypted_assertion.findall(f".//{{{XENC}}}CipherValue")
    wrapped, blob = (base64.b64decode(v.text or "") for v in values)  # EncryptedKey, then data
    originator = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    other_info = b"".join(
        bytes.fromhex(params.get(name, "")) for name in ("AlgorithmID", "PartyUInfo", "PartyVInfo")
    )
    kek = wk.concat_kdf_sha256(wk.ecdh_shared_secret(sp_key, originator), other_info, 32)
    content_key = aes_key_unwrap(kek, wrapped)
    return kek, AESGCM(content_key).decrypt(blob[:12], blob[12:], None)


# --------------------------------------------------------------------------- pure: the sample


def test_public_sample_params_are_length_prefixed() -> None:
    """int.login.gov.pl sample: each field is a 4-byte big-endian length, then the value."""
    algorithm_id = wk.read_length_prefixed(bytes.fromhex(wk.SAMPLE_ALGORITHM_ID_HEX))
    party_u = wk.read_length_prefixed(bytes.fromhex(wk.SAMPLE_PARTY_U_INFO_HEX))
    party_v = wk.read_length_prefixed(bytes.fromhex(wk.SAMPLE_PARTY_V_INFO_HEX))
    assert (algorithm_id, party_u, party_v) == (
        b"http://www.w3.org/2001/04/xmlenc#kw-aes256",
        b"int.login.gov.pl",
        b"otwartedane",
    )
    assert bytes.fromhex(wk.SAMPLE_ALGORITHM_ID_HEX)[:4] == (42).to_bytes(4, "big")
    # Our encoder reproduces the sample's attribute text exactly (upper-case hex).
    assert wk.length_prefixed(algorithm_id).hex().upper() == wk.SAMPLE_ALGORITHM_ID_HEX
    assert wk.length_prefixed(party_u).hex().upper() == wk.SAMPLE_PARTY_U_INFO_HEX
    assert wk.length_prefixed(party_v).hex().upper() == wk.SAMPLE_PARTY_V_INFO_HEX


def test_public_sample_read_as_padding_octet_form_is_not_the_uri() -> None:
    """Read the XML-Enc 1.1 §5.4.1 way (first octet = padding bits) the value is garbage.

    The first octet is 00, so that reading is not rejected outright: it yields
    00 00 2A || URI. Only the length-prefix reading gives the key-wrap URI.
    """
    raw = bytes.fromhex(wk.SAMPLE_ALGORITHM_ID_HEX)
    assert raw[0] == 0
    assert raw[1:] != b"http://www.w3.org/2001/04/xmlenc#kw-aes256"
    assert raw[1:4] == b"\x00\x00\x2a"


def test_length_prefix_must_cover_the_rest() -> None:
    with pytest.raises(ValueError):
        wk.read_length_prefixed(bytes.fromhex("0000000B6F7477617274656461"))  # too short
    with pytest.raises(ValueError):
        wk.read_length_prefixed(b"\x00\x00")


# --------------------------------------------------------------------------- pure: the KDF


def test_hand_concat_kdf_known_answer(sp_key: ec.EllipticCurvePrivateKey) -> None:
    """Z from the fixed TEST keys, then SHA-256(00000001 || Z || OtherInfo)[:32] by hand."""
    z = wk.ecdh_shared_secret(wk.fixed_ephemeral_key(), sp_key.public_key())
    assert z == KNOWN_Z
    # ECDH is symmetric: the SP side gets the same Z.
    assert wk.ecdh_shared_secret(sp_key, wk.fixed_ephemeral_key().public_key()) == KNOWN_Z

    other_info = bytes.fromhex(
        wk.SAMPLE_ALGORITHM_ID_HEX + wk.SAMPLE_PARTY_U_INFO_HEX + wk.SAMPLE_PARTY_V_INFO_HEX
    )
    assert other_info == wk.wk_other_info(
        b"http://www.w3.org/2001/04/xmlenc#kw-aes256", b"int.login.gov.pl", b"otwartedane"
    )
    by_hand = hashlib.sha256(b"\x00\x00\x00\x01" + z + other_info).digest()[:32]
    assert by_hand == KNOWN_KEK_SAMPLE_PARAMS
    assert wk.concat_kdf_sha256(z, other_info, 32) == KNOWN_KEK_SAMPLE_PARAMS
    # A second, unrelated implementation agrees.
    library = ConcatKDFHash(hashes.SHA256(), 32, other_info).derive(z)
    assert library == KNOWN_KEK_SAMPLE_PARAMS
    # Dropping the prefixes (the older reading) gives another key: the two are not compatible.
    bare = b"http://www.w3.org/2001/04/xmlenc#kw-aes256" + b"int.login.gov.pl" + b"otwartedane"
    assert wk.concat_kdf_sha256(z, bare, 32) == KNOWN_KEK_WITHOUT_PREFIXES
    assert KNOWN_KEK_WITHOUT_PREFIXES != KNOWN_KEK_SAMPLE_PARAMS


def test_hand_kdf_handles_more_than_one_block() -> None:
    z, other = b"\x11" * 32, b"other"
    long = wk.concat_kdf_sha256(z, other, 48)
    assert long[:32] == wk.concat_kdf_sha256(z, other, 32)
    assert long == ConcatKDFHash(hashes.SHA256(), 48, other).derive(z)


# --------------------------------------------------------------------------- pure: builder shape


def test_builder_output_is_shaped_like_the_public_sample(
    sp_key: ec.EllipticCurvePrivateKey,
) -> None:
    built = _build(sp_key, kek=KNOWN_KEK_SAMPLE_PARAMS)
    assert built.kek == KNOWN_KEK_SAMPLE_PARAMS
    assert built.shared_secret == KNOWN_Z
    assert "xmlns" not in built.xml  # prefixes come from the Response, as in the sample
    encrypted = _encrypted_assertion_in_response(built)
    data = encrypted.find(f"{{{XENC}}}EncryptedData")
    assert data.get("Id") and data.get("Type") == f"{XENC}Element"
    method = data.find(f"{{{XENC}}}EncryptionMethod")
    assert method.get("Algorithm") == "http://www.w3.org/2009/xmlenc11#aes256-gcm"
    assert method.find(f"{{{DS}}}DigestMethod") is not None
    key = data.find(f"{{{DS}}}KeyInfo/{{{XENC}}}EncryptedKey")
    assert key is not None and key.get("Id")
    params = key.find(f".//{{{XENC11}}}ConcatKDFParams")
    assert params.get("AlgorithmID") == wk.SAMPLE_ALGORITHM_ID_HEX
    assert params.get("PartyUInfo") == wk.SAMPLE_PARTY_U_INFO_HEX
    assert params.get("PartyVInfo") == wk.SAMPLE_PARTY_V_INFO_HEX
    assert len(built.cipher_value) == 12 + len(wk.wk_assertion_xml()) + 16
    # The builder's own bytes are consistent (checked by the reference decryption).
    kek, plaintext = _reference_decrypt(encrypted, sp_key)
    assert kek == KNOWN_KEK_SAMPLE_PARAMS
    assert plaintext == wk.wk_assertion_xml()


def test_committed_file_decrypts_with_the_reference_reading(
    sp_key: ec.EllipticCurvePrivateKey,
) -> None:
    """The committed vector and TEST key still match (checked without the SP code)."""
    response = parse_xml(wk.KNOWN_ANSWER_RESPONSE_PATH.read_bytes())
    encrypted = response.find(f"{{{SAML}}}EncryptedAssertion")
    params = encrypted.find(f".//{{{XENC11}}}ConcatKDFParams")
    assert wk.read_length_prefixed(bytes.fromhex(params.get("PartyVInfo"))) == FILE_PARTY_V_INFO
    kek, plaintext = _reference_decrypt(encrypted, sp_key)
    assert kek == KNOWN_KEK_FILE
    _check_person(parse_xml(plaintext))


# --------------------------------------------------------------------------- the SP decryptor


def test_decryptor_derives_the_hand_computed_kek(
    sp_key: ec.EllipticCurvePrivateKey, sp_key_pem: bytes
) -> None:
    """A message wrapped with the hand-computed KEK decrypts: the SP derives the same KEK."""
    built = _build(sp_key, kek=KNOWN_KEK_SAMPLE_PARAMS)
    assertion = decrypt_encrypted_assertion(_encrypted_assertion_in_response(built), sp_key_pem)
    assert _c14n(assertion) == _c14n(parse_xml(wk.wk_assertion_xml()))
    _check_person(assertion)


def test_decryptor_accepts_a_key_object(sp_key: ec.EllipticCurvePrivateKey) -> None:
    built = _build(sp_key, kek=KNOWN_KEK_SAMPLE_PARAMS)
    assertion = decrypt_encrypted_assertion(_encrypted_assertion_in_response(built), sp_key)
    _check_person(assertion)


def test_committed_known_answer_file_decrypts(sp_key_pem: bytes) -> None:
    response = parse_xml(wk.KNOWN_ANSWER_RESPONSE_PATH.read_bytes())
    encrypted = response.find(f"{{{SAML}}}EncryptedAssertion")
    assertion = decrypt_encrypted_assertion(encrypted, sp_key_pem)
    _check_person(assertion)
    assert assertion.get("ID") == "ID-assertion-0000-4000-8000-000000000003"
    assert assertion.find(f"{{{wk.DS}}}Signature") is None  # unsigned, as the WK sends it


def test_128_bit_content_key_under_aes256_gcm_decrypts(
    sp_key: ec.EllipticCurvePrivateKey, sp_key_pem: bytes
) -> None:
    built = _build(sp_key, content_key=wk.TEST_CONTENT_KEY_128)
    assert len(built.content_key) == 16
    assert 'Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"' in built.xml
    assertion = decrypt_encrypted_assertion(_encrypted_assertion_in_response(built), sp_key_pem)
    _check_person(assertion)


@pytest.mark.parametrize("bits", [128, 256])
def test_fresh_random_messages_decrypt(sp_key: ec.EllipticCurvePrivateKey, bits: int) -> None:
    built = wk.build_encrypted_assertion(
        wk.wk_assertion_xml(),
        sp_key.public_key(),
        content_key_bits=bits,
        party_v_info=FILE_PARTY_V_INFO,
    )
    _check_person(decrypt_encrypted_assertion(_encrypted_assertion_in_response(built), sp_key))


# --------------------------------------------------------------------------- refusals


def _decrypts(element: etree._Element, key: object) -> bool:
    decrypt_encrypted_assertion(element, key)  # type: ignore[arg-type]
    return True


def test_wrong_sp_key_is_refused(sp_key: ec.EllipticCurvePrivateKey) -> None:
    built = _build(sp_key)
    assert _decrypts(_encrypted_assertion_in_response(built), sp_key)  # control
    other = ec.generate_private_key(ec.SECP256R1())
    result = None
    with pytest.raises(DecryptionError):
        result = decrypt_encrypted_assertion(_encrypted_assertion_in_response(built), other)
    assert result is None


def _flip_cipher_value(xml: str, which: int, index: int) -> str:
    root = parse_xml(wk.build_response(xml).encode("utf-8"))
    value = root.findall(f".//{{{XENC}}}CipherValue")[which]
    raw = bytearray(base64.b64decode(value.text or ""))
    raw[index] ^= 0x01
    value.text = base64.b64encode(bytes(raw)).decode("ascii")
    encrypted = root.find(f"{{{SAML}}}EncryptedAssertion")
    return etree.tostring(encrypted, encoding="unicode")


@pytest.mark.parametrize(
    ("which", "index"),
    [(1, 12), (1, -1), (1, 0), (0, 3)],
    ids=["ciphertext", "gcm-tag", "iv", "wrapped-key"],
)
def test_flipped_byte_is_refused(
    sp_key: ec.EllipticCurvePrivateKey, which: int, index: int
) -> None:
    built = _build(sp_key)
    assert _decrypts(_encrypted_assertion_in_response(built), sp_key)  # control
    tampered = _flip_cipher_value(built.xml, which, index)
    response = parse_xml(wk.build_response(tampered).encode("utf-8"))
    result = None
    with pytest.raises(DecryptionError):
        result = decrypt_encrypted_assertion(response.find(f"{{{SAML}}}EncryptedAssertion"), sp_key)
    assert result is None


@pytest.mark.parametrize("attribute", ["PartyUInfo", "PartyVInfo", "AlgorithmID"])
def test_flipped_byte_in_kdf_params_is_refused(
    sp_key: ec.EllipticCurvePrivateKey, attribute: str
) -> None:
    built = _build(sp_key)
    encrypted = _encrypted_assertion_in_response(built)
    assert _decrypts(encrypted, sp_key)  # control
    params = encrypted.find(f".//{{{XENC11}}}ConcatKDFParams")
    raw = bytearray(bytes.fromhex(params.get(attribute)))
    raw[-1] ^= 0x01  # a value byte, the length prefix stays right
    params.set(attribute, bytes(raw).hex().upper())
    result = None
    with pytest.raises(DecryptionError):
        result = decrypt_encrypted_assertion(encrypted, sp_key)
    assert result is None


def test_wrong_length_prefix_is_refused(sp_key: ec.EllipticCurvePrivateKey) -> None:
    built = _build(sp_key)
    encrypted = _encrypted_assertion_in_response(built)
    assert _decrypts(encrypted, sp_key)  # control
    params = encrypted.find(f".//{{{XENC11}}}ConcatKDFParams")
    raw = bytearray(bytes.fromhex(params.get("PartyUInfo")))
    raw[3] ^= 0x01  # the length no longer matches the value
    params.set("PartyUInfo", bytes(raw).hex().upper())
    result = None
    with pytest.raises(DecryptionError):
        result = decrypt_encrypted_assertion(encrypted, sp_key)
    assert result is None
