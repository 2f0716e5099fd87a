"""TEST-ONLY reference builder of a WK-shaped (login.gov.pl) ``saml2:EncryptedAssertion``.

Written straight from what public WK material shows (see docs/integrations/login-gov.md),
independently of ``eurzad.core.xmlsecurity.xmlenc``: nothing here imports the SP's decryptor or
its helpers. Only ``cryptography`` primitives (ECDH, AES key wrap, AES-GCM) and ``hashlib``
(the ConcatKDF is written out by hand) are used, and the XML is built as text, shaped like
the public int.login.gov.pl sample:

* ``xenc:EncryptedData`` and ``xenc:EncryptedKey`` carry ``Id`` attributes;
* the content ``xenc:EncryptionMethod`` (aes256-gcm) has a ``ds:DigestMethod`` child;
* ``xenc:EncryptedKey`` sits inline in ``EncryptedData/ds:KeyInfo``;
* the prefixes ``saml2 saml2p xenc xenc11 ds dsig11`` are declared on an ancestor (the
  Response built by :func:`build_response`), never on ``saml2:EncryptedAssertion``;
* ``xenc11:ConcatKDFParams`` ``AlgorithmID``/``PartyUInfo``/``PartyVInfo`` are hex of
  (4-byte big-endian length || value), and ConcatKDF's OtherInfo is the concatenation of
  those decoded bytes as they are, length prefixes included.

Every random input (ephemeral key, content key, IV) can be fixed, so the output is a
known answer. Never use any of this outside tests.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.keywrap import aes_key_wrap

DATA_DIR = Path(__file__).parent / "data"
KNOWN_ANSWER_RESPONSE_PATH = DATA_DIR / "wk_response_known_answer.xml"

SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
XENC = "http://www.w3.org/2001/04/xmlenc#"
XENC11 = "http://www.w3.org/2009/xmlenc11#"
DS = "http://www.w3.org/2000/09/xmldsig#"
DSIG11 = "http://www.w3.org/2009/xmldsig11#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
EIDAS_NATURAL_PERSON = "http://eidas.europa.eu/attributes/naturalperson"

AES256_GCM_URI = f"{XENC11}aes256-gcm"
KW_AES256_URI = f"{XENC}kw-aes256"
ECDH_ES_URI = f"{XENC11}ECDH-ES"
CONCAT_KDF_URI = f"{XENC11}ConcatKDF"
SHA256_URI = f"{XENC}sha256"
P256_URN = "urn:oid:1.2.840.10045.3.1.7"

# The public int.login.gov.pl sample (mcod / dane.gov.pl backend test fixture), verbatim.
SAMPLE_ALGORITHM_ID_HEX = (
    "0000002A687474703A2F2F7777772E77332E6F72672F323030312F30342F786D6C656E63236B772D616573323536"
)
SAMPLE_PARTY_U_INFO_HEX = "00000010696E742E6C6F67696E2E676F762E706C"
SAMPLE_PARTY_V_INFO_HEX = "0000000B6F74776172746564616E65"
SAMPLE_PARTY_U_INFO = b"int.login.gov.pl"
SAMPLE_PARTY_V_INFO = b"otwartedane"

# Fixed inputs of the known answer. Labelled: these are TEST values, nothing secret.
TEST_EPHEMERAL_SCALAR = int.from_bytes(
    hashlib.sha256(b"eurzad WK known answer: ephemeral").digest()
)
TEST_SP_SCALAR = int.from_bytes(hashlib.sha256(b"eurzad WK known answer: SP key").digest())
TEST_CONTENT_KEY_256 = bytes(range(0x20, 0x40))  # 32 bytes
TEST_CONTENT_KEY_128 = bytes(range(0x40, 0x50))  # 16 bytes
TEST_IV = bytes.fromhex("000102030405060708090a0b")  # 12 bytes
TEST_DATA_ID = "_ed0000000000000000000000000000a1"
TEST_KEY_ID = "_ek0000000000000000000000000000b2"

GCM_IV_BYTES = 12


# --------------------------------------------------------------------------- ConcatKDF


def length_prefixed(value: bytes) -> bytes:
    """The WK encoding of one ConcatKDFParams field: 4-byte big-endian length || value."""
    return len(value).to_bytes(4, "big") + value


def read_length_prefixed(raw: bytes) -> bytes:
    """Read one WK ConcatKDFParams field; the 4-byte length must cover exactly the rest."""
    if len(raw) < 4:
        raise ValueError("shorter than the 4-byte length prefix")
    length = int.from_bytes(raw[:4], "big")
    if length != len(raw) - 4:
        raise ValueError(f"length prefix says {length}, {len(raw) - 4} bytes follow")
    return raw[4:]


def wk_other_info(algorithm_id: bytes, party_u_info: bytes, party_v_info: bytes) -> bytes:
    """OtherInfo as the WK computes it: the decoded attribute bytes, prefixes included."""
    fields = (algorithm_id, party_u_info, party_v_info)
    return b"".join(length_prefixed(field) for field in fields)


def concat_kdf_sha256(shared_secret: bytes, other_info: bytes, length: int = 32) -> bytes:
    """NIST SP 800-56A single-step KDF with SHA-256, by hand.

    K = SHA-256(counter(4 bytes, from 1) || Z || OtherInfo) || ..., truncated to ``length``.
    """
    out = b""
    counter = 1
    while len(out) < length:
        out += hashlib.sha256(counter.to_bytes(4, "big") + shared_secret + other_info).digest()
        counter += 1
    return out[:length]


def ecdh_shared_secret(
    private_key: ec.EllipticCurvePrivateKey, public_key: ec.EllipticCurvePublicKey
) -> bytes:
    """Z: the x coordinate of the ECDH shared point (32 bytes on P-256)."""
    return private_key.exchange(ec.ECDH(), public_key)


def fixed_ephemeral_key() -> ec.EllipticCurvePrivateKey:
    """The fixed originator (WK) ephemeral key of the known answer. TEST KEY."""
    return ec.derive_private_key(TEST_EPHEMERAL_SCALAR, ec.SECP256R1())


def load_known_answer_sp_test_key() -> ec.EllipticCurvePrivateKey:
    """The SP TEST key (P-256) the committed known-answer file is for: derived from a fixed
    label like the ephemeral key, so no key material is kept in the repository."""
    return ec.derive_private_key(TEST_SP_SCALAR, ec.SECP256R1())


def known_answer_sp_test_key_pem() -> bytes:
    """The same key as PEM (PKCS#8), as the SP reads its key from the configuration."""
    return load_known_answer_sp_test_key().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


# --------------------------------------------------------------------------- the XML


@dataclass(frozen=True)
class BuiltEncryptedAssertion:
    """The EncryptedAssertion text plus every intermediate value, for known-answer checks."""

    xml: str  # saml2:EncryptedAssertion, prefixes NOT declared (they live on the Response)
    shared_secret: bytes
    other_info: bytes
    kek: bytes
    content_key: bytes
    wrapped_key: bytes
    iv: bytes
    cipher_value: bytes  # IV || ciphertext || tag
    ephemeral_point: bytes  # uncompressed X9.62 point


def build_encrypted_assertion(
    assertion_xml: bytes,
    sp_public_key: ec.EllipticCurvePublicKey,
    *,
    ephemeral_private_key: ec.EllipticCurvePrivateKey | None = None,
    content_key: bytes | None = None,
    content_key_bits: int = 256,
    iv: bytes | None = None,
    party_u_info: bytes = SAMPLE_PARTY_U_INFO,
    party_v_info: bytes = SAMPLE_PARTY_V_INFO,
    algorithm_id: bytes = KW_AES256_URI.encode("ascii"),
    kek: bytes | None = None,
    data_id: str = TEST_DATA_ID,
    key_id: str = TEST_KEY_ID,
) -> BuiltEncryptedAssertion:
    """Encrypt ``assertion_xml`` for ``sp_public_key`` the way the WK does.

    The content algorithm is always declared as aes256-gcm and the key wrap as kw-aes256
    (as in the public sample); ``content_key_bits=128`` reproduces the WK quirk of a
    128-bit content key under aes256-gcm. ``kek`` lets a test supply a KEK it computed on
    its own; by default it is derived here (ECDH + hand-written ConcatKDF). Anything left
    ``None`` is fresh randomness.
    """
    if content_key is None:
        if content_key_bits not in (128, 256):
            raise ValueError("content_key_bits must be 128 or 256")
        content_key = AESGCM.generate_key(bit_length=content_key_bits)
    if iv is None:
        iv = AESGCM.generate_key(bit_length=128)[:GCM_IV_BYTES]
    if len(iv) != GCM_IV_BYTES:
        raise ValueError("the WK uses a 12-byte GCM IV")
    if ephemeral_private_key is None:
        ephemeral_private_key = ec.generate_private_key(ec.SECP256R1())

    shared = ecdh_shared_secret(ephemeral_private_key, sp_public_key)
    other_info = wk_other_info(algorithm_id, party_u_info, party_v_info)
    if kek is None:
        kek = concat_kdf_sha256(shared, other_info, 32)
    wrapped = aes_key_wrap(kek, content_key)
    blob = iv + AESGCM(content_key).encrypt(iv, assertion_xml, None)
    point = ephemeral_private_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    xml = (
        "<saml2:EncryptedAssertion>"
        f'<xenc:EncryptedData Id="{data_id}" Type="{XENC}Element">'
        f'<xenc:EncryptionMethod Algorithm="{AES256_GCM_URI}">'
        f'<ds:DigestMethod Algorithm="{SHA256_URI}"/>'
        "</xenc:EncryptionMethod>"
        "<ds:KeyInfo>"
        f'<xenc:EncryptedKey Id="{key_id}">'
        f'<xenc:EncryptionMethod Algorithm="{KW_AES256_URI}"/>'
        "<ds:KeyInfo>"
        f'<xenc:AgreementMethod Algorithm="{ECDH_ES_URI}">'
        f'<xenc11:KeyDerivationMethod Algorithm="{CONCAT_KDF_URI}">'
        "<xenc11:ConcatKDFParams"
        f' AlgorithmID="{length_prefixed(algorithm_id).hex().upper()}"'
        f' PartyUInfo="{length_prefixed(party_u_info).hex().upper()}"'
        f' PartyVInfo="{length_prefixed(party_v_info).hex().upper()}">'
        f'<ds:DigestMethod Algorithm="{SHA256_URI}"/>'
        "</xenc11:ConcatKDFParams>"
        "</xenc11:KeyDerivationMethod>"
        "<xenc:OriginatorKeyInfo><ds:KeyValue><dsig11:ECKeyValue>"
        f'<dsig11:NamedCurve URI="{P256_URN}"/>'
        f"<dsig11:PublicKey>{b64(point)}</dsig11:PublicKey>"
        "</dsig11:ECKeyValue></ds:KeyValue></xenc:OriginatorKeyInfo>"
        "</xenc:AgreementMethod>"
        "</ds:KeyInfo>"
        f"<xenc:CipherData><xenc:CipherValue>{b64(wrapped)}</xenc:CipherValue></xenc:CipherData>"
        "</xenc:EncryptedKey>"
        "</ds:KeyInfo>"
        f"<xenc:CipherData><xenc:CipherValue>{b64(blob)}</xenc:CipherValue></xenc:CipherData>"
        "</xenc:EncryptedData>"
        "</saml2:EncryptedAssertion>"
    )
    return BuiltEncryptedAssertion(
        xml=xml,
        shared_secret=shared,
        other_info=other_info,
        kek=kek,
        content_key=content_key,
        wrapped_key=wrapped,
        iv=iv,
        cipher_value=blob,
        ephemeral_point=point,
    )


# Namespace declarations as the WK puts them on the ArtifactResponse (public sample).
RESPONSE_NAMESPACES = (
    ' xmlns:ds="http://www.w3.org/2000/09/xmldsig#"'
    ' xmlns:dsig11="http://www.w3.org/2009/xmldsig11#"'
    ' xmlns:eidas="http://eidas.europa.eu/saml-extensions"'
    ' xmlns:naturalperson="http://eidas.europa.eu/attributes/naturalperson"'
    ' xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"'
    ' xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol"'
    ' xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"'
    ' xmlns:xenc11="http://www.w3.org/2009/xmlenc11#"'
)


def build_response(
    encrypted_assertion_xml: str,
    *,
    response_id: str = "ID-5f3c2a10-0000-4000-8000-000000000001",
    in_response_to: str = "ID-request-0000-4000-8000-000000000002",
    issue_instant: str = "2026-11-23T14:00:00.000Z",
    issuer: str = "int.login.gov.pl",
    status: str = "urn:oasis:names:tc:SAML:2.0:status:Success",
) -> str:
    """A WK-shaped ``saml2p:Response`` (unsigned) around the EncryptedAssertion.

    All prefixes are declared here on the Response, as the WK declares them on an ancestor.
    The real Response is signed (enveloped ECDSA-SHA256, exclusive C14N); the known-answer
    file only exercises decryption, so no signature is added.
    """
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<saml2p:Response{RESPONSE_NAMESPACES}"
        f' ID="{response_id}" InResponseTo="{in_response_to}"'
        f' IssueInstant="{issue_instant}" Version="2.0">'
        f"<saml2:Issuer>{issuer}</saml2:Issuer>"
        f'<saml2p:Status><saml2p:StatusCode Value="{status}"/></saml2p:Status>'
        f"{encrypted_assertion_xml}"
        "</saml2p:Response>\n"
    )


# --------------------------------------------------------------------------- the assertion

KNOWN_ANSWER_PERSON = {
    "PersonIdentifier": "87022210008",
    "CurrentGivenName": "Łucja",
    "CurrentFamilyName": "Gęślarska-Testowa",
    "DateOfBirth": "1987-02-22Z",
}


def wk_assertion_xml(
    *,
    person: dict[str, str] | None = None,
    assertion_id: str = "ID-assertion-0000-4000-8000-000000000003",
    in_response_to: str = "ID-request-0000-4000-8000-000000000002",
    issuer: str = "int.login.gov.pl",
    audience: str = "https://zembrzyce.localhost/logowanie/sp",
    recipient: str = "https://zembrzyce.localhost/logowanie/acs/",
    issue_instant: str = "2026-11-23T14:00:00.000Z",
    not_on_or_after: str = "2026-11-23T14:05:00.000Z",
    loa: str = "http://eidas.europa.eu/LoA/substantial",
) -> bytes:
    """An unsigned WK-style Assertion (self-contained namespace declarations).

    eIDAS natural-person attributes with ``xsi:type="naturalperson:<Name>Type"`` values,
    DateOfBirth as an ``xs:date`` with a zone. The test person is fictitious.
    """
    person = person or KNOWN_ANSWER_PERSON
    attributes = "".join(
        f'<saml2:Attribute FriendlyName="{name}" Name="{EIDAS_NATURAL_PERSON}/{name}"'
        ' NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">'
        f'<saml2:AttributeValue xsi:type="naturalperson:{name}Type">{value}'
        "</saml2:AttributeValue></saml2:Attribute>"
        for name, value in person.items()
    )
    return (
        f'<saml2:Assertion xmlns:saml2="{SAML}" xmlns:xsi="{XSI}"'
        f' xmlns:naturalperson="{EIDAS_NATURAL_PERSON}"'
        f' ID="{assertion_id}" IssueInstant="{issue_instant}" Version="2.0">'
        f"<saml2:Issuer>{issuer}</saml2:Issuer>"
        "<saml2:Subject>"
        '<saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">'
        f"{person['PersonIdentifier']}</saml2:NameID>"
        '<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml2:SubjectConfirmationData InResponseTo="{in_response_to}"'
        f' NotOnOrAfter="{not_on_or_after}" Recipient="{recipient}"/>'
        "</saml2:SubjectConfirmation>"
        "</saml2:Subject>"
        f'<saml2:Conditions NotBefore="{issue_instant}" NotOnOrAfter="{not_on_or_after}">'
        f"<saml2:AudienceRestriction><saml2:Audience>{audience}</saml2:Audience>"
        "</saml2:AudienceRestriction></saml2:Conditions>"
        f'<saml2:AuthnStatement AuthnInstant="{issue_instant}"'
        ' SessionIndex="_session-0000-4000-8000-000000000004">'
        f"<saml2:AuthnContext><saml2:AuthnContextClassRef>{loa}</saml2:AuthnContextClassRef>"
        "</saml2:AuthnContext></saml2:AuthnStatement>"
        f"<saml2:AttributeStatement>{attributes}</saml2:AttributeStatement>"
        "</saml2:Assertion>"
    ).encode()


def known_answer_response(sp_public_key: ec.EllipticCurvePublicKey) -> str:
    """The known-answer Response: fixed ephemeral key, content key and IV.

    Used once to write ``data/wk_response_known_answer.xml``; tests read that file and
    never regenerate it.
    """
    built = build_encrypted_assertion(
        wk_assertion_xml(),
        sp_public_key,
        ephemeral_private_key=fixed_ephemeral_key(),
        content_key=TEST_CONTENT_KEY_256,
        iv=TEST_IV,
        party_v_info=b"https://zembrzyce.localhost/logowanie/sp",
    )
    return build_response(built.xml)


if __name__ == "__main__":  # pragma: no cover - one-off writer of the committed vector
    DATA_DIR.mkdir(exist_ok=True)
    sp_key = load_known_answer_sp_test_key()
    KNOWN_ANSWER_RESPONSE_PATH.write_text(known_answer_response(sp_key.public_key()), "utf-8")
    print(f"wrote {KNOWN_ANSWER_RESPONSE_PATH}")
