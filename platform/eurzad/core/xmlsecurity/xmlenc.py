"""The WK ``EncryptedAssertion``: XML Encryption 1.1 with ECDH-ES key agreement.

Structure (as sent by login.gov.pl)::

    saml:EncryptedAssertion
      xenc:EncryptedData Type="...#Element"
        xenc:EncryptionMethod Algorithm="xmlenc11#aes256-gcm"
        ds:KeyInfo
          xenc:EncryptedKey                       (or ds:RetrievalMethod -> sibling)
            xenc:EncryptionMethod Algorithm="xmlenc#kw-aes256"
            ds:KeyInfo
              xenc:AgreementMethod Algorithm="xmlenc11#ECDH-ES"
                xenc11:KeyDerivationMethod Algorithm="xmlenc11#ConcatKDF"
                  xenc11:ConcatKDFParams AlgorithmID=".." PartyUInfo=".." PartyVInfo=".."
                    ds:DigestMethod Algorithm="xmlenc#sha256"
                xenc:OriginatorKeyInfo/ds:KeyValue/dsig11:ECKeyValue
                  dsig11:NamedCurve URI="urn:oid:1.2.840.10045.3.1.7"
                  dsig11:PublicKey  (base64 uncompressed point)
            xenc:CipherData/xenc:CipherValue      (AES-KW wrapped content key)
        xenc:CipherData/xenc:CipherValue          (IV(12) || ciphertext || tag(16))

Decryption: ECDH(SP key, originator key) -> ConcatKDF(SHA-256, KW key size,
AlgorithmID||PartyUInfo||PartyVInfo) -> AES key unwrap -> AES-GCM. The AES-GCM key size is
taken from the unwrapped key, not from the declared algorithm (production once sent a
128-bit key under ``aes256-gcm``).

ConcatKDFParams: the WK does not write ``AlgorithmID``, ``PartyUInfo`` and ``PartyVInfo``
the way XML Encryption 1.1 §5.4.1 describes (a padding-bit count octet, then the value).
It writes each as hex of *4-byte big-endian length ‖ value* — the "fixed-length ‖ data"
form of NIST SP 800-56A §5.8.1.2 — and OtherInfo is the concatenation of those decoded
bytes as they are, prefixes included. A real int.login.gov.pl message carries, e.g.,
``AlgorithmID="0000002A6874…3536"`` (0x2A = 42, the length of the ``kw-aes256`` URI),
``PartyUInfo`` = length ‖ the WK issuer and ``PartyVInfo`` = length ‖ the SP entity id
(docs/integrations/login-gov.md). The XML Encryption 1.1 form is still read, because it is
unambiguous: which form a message uses is decided once, by ``AlgorithmID``. Its WK reading
must give a length that matches the rest exactly; the padded reading of such a value would
be an algorithm identifier starting with two zero octets, which no algorithm URI has.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import re
from xml.sax.saxutils import quoteattr

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash
from cryptography.hazmat.primitives.keywrap import (
    InvalidUnwrap,
    aes_key_unwrap,
    aes_key_wrap,
)
from lxml import etree

from .keys import load_private_key
from .xmlsafe import MalformedXMLError, parse_xml

__all__ = [
    "AES128_GCM",
    "AES192_GCM",
    "AES256_GCM",
    "ECDH_ES",
    "KW_AES128",
    "KW_AES192",
    "KW_AES256",
    "DecryptionError",
    "decrypt_encrypted_assertion",
    "encrypt_assertion",
]

logger = logging.getLogger(__name__)

SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
XENC = "http://www.w3.org/2001/04/xmlenc#"
XENC11 = "http://www.w3.org/2009/xmlenc11#"
DS = "http://www.w3.org/2000/09/xmldsig#"
DSIG11 = "http://www.w3.org/2009/xmldsig11#"

AES128_GCM = f"{XENC11}aes128-gcm"
AES192_GCM = f"{XENC11}aes192-gcm"
AES256_GCM = f"{XENC11}aes256-gcm"
KW_AES128 = f"{XENC}kw-aes128"
KW_AES192 = f"{XENC}kw-aes192"
KW_AES256 = f"{XENC}kw-aes256"
ECDH_ES = f"{XENC11}ECDH-ES"
CONCAT_KDF = f"{XENC11}ConcatKDF"
TYPE_ELEMENT = f"{XENC}Element"
TYPE_ENCRYPTED_KEY = f"{XENC}EncryptedKey"

GCM_ALGORITHMS = {AES128_GCM: 16, AES192_GCM: 24, AES256_GCM: 32}
KW_ALGORITHMS = {KW_AES128: 16, KW_AES192: 24, KW_AES256: 32}
DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {
    f"{XENC}sha256": hashes.SHA256,
    "http://www.w3.org/2001/04/xmldsig-more#sha384": hashes.SHA384,
    f"{XENC}sha512": hashes.SHA512,
}
CURVES: dict[str, type[ec.EllipticCurve]] = {
    "urn:oid:1.2.840.10045.3.1.7": ec.SECP256R1,
    "urn:oid:1.3.132.0.34": ec.SECP384R1,
    "urn:oid:1.3.132.0.35": ec.SECP521R1,
}
P256_URI = "urn:oid:1.2.840.10045.3.1.7"

GCM_IV_BYTES = 12
GCM_TAG_BYTES = 16

DECRYPTION_MESSAGE = "Nie udało się odszyfrować asercji – could not decrypt the assertion"


class DecryptionError(ValueError):
    """The EncryptedAssertion cannot be decrypted (wrong key, tampering, bad structure)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{DECRYPTION_MESSAGE}: {detail}" if detail else DECRYPTION_MESSAGE)


# --------------------------------------------------------------------------- helpers


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _one(parent: etree._Element, ns: str, name: str, what: str) -> etree._Element:
    found = parent.findall(_q(ns, name))
    if len(found) != 1:
        raise DecryptionError(f"oczekiwano jednego {what} – expected exactly one {what}")
    return found[0]


def _b64(text: str | None, what: str) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError):
        raise DecryptionError(f"niepoprawne base64 w {what} – bad base64 in {what}") from None


def _cipher_value(encrypted: etree._Element, what: str) -> bytes:
    cipher_data = _one(encrypted, XENC, "CipherData", "CipherData")
    return _b64(_one(cipher_data, XENC, "CipherValue", "CipherValue").text, what)


KDF_PARAMS_WK = "wk"
KDF_PARAMS_XMLENC11 = "xmlenc11"
_KDF_PARAM_NAMES = ("AlgorithmID", "PartyUInfo", "PartyVInfo", "SuppPubInfo", "SuppPrivInfo")


def _hex(value: str, name: str) -> bytes:
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise DecryptionError(f"{name}: niepoprawny hex – bad hexBinary") from None


def _is_length_prefixed(raw: bytes) -> bool:
    """``raw`` is 4-byte big-endian length ‖ exactly that many bytes (the WK form)."""
    return len(raw) >= 4 and int.from_bytes(raw[:4], "big") == len(raw) - 4


def _padded_value(raw: bytes, name: str) -> bytes:
    """The value of an XML Encryption 1.1 bit string (padding-count octet, then the bits)."""
    if raw[0] > 7:
        raise DecryptionError(
            f"{name}: ani długość z prefiksem, ani ciąg bitów XML Enc 1.1 – neither a "
            "length-prefixed value nor an XML Enc 1.1 bit string"
        )
    if raw[0] != 0:
        raise DecryptionError(
            f"{name}: nieobsługiwane dopełnienie bitowe – unsupported non-byte-aligned bit string"
        )
    return raw[1:]


def kdf_other_info(params: etree._Element) -> bytes:
    """OtherInfo for ConcatKDF from a ``xenc11:ConcatKDFParams`` element (see module doc).

    The form is decided by ``AlgorithmID``: length-prefixed (what the WK sends) — every
    attribute then must be length-prefixed and goes into OtherInfo as it is — or else the
    XML Encryption 1.1 bit string, whose padding octet is left out.
    """
    raw = {name: _hex(params.get(name) or "", name) for name in _KDF_PARAM_NAMES}
    if not raw["AlgorithmID"]:
        raise DecryptionError("brak AlgorithmID – ConcatKDFParams without AlgorithmID")
    if _is_length_prefixed(raw["AlgorithmID"]):
        for name, value in raw.items():
            if value and not _is_length_prefixed(value):
                raise DecryptionError(
                    f"{name}: długość nie zgadza się z wartością – length prefix does not "
                    "match the value"
                )
        return b"".join(raw[name] for name in _KDF_PARAM_NAMES)
    return b"".join(_padded_value(raw[name], name) for name in _KDF_PARAM_NAMES if raw[name])


def encode_kdf_param(value: bytes, form: str = KDF_PARAMS_WK) -> str:
    """A ConcatKDFParams attribute value for ``value`` in the WK or XML Encryption 1.1 form."""
    if form == KDF_PARAMS_WK:
        return (len(value).to_bytes(4, "big") + value).hex().upper()
    if form == KDF_PARAMS_XMLENC11:
        return "00" + value.hex().upper()
    raise ValueError(f"unknown ConcatKDFParams form {form!r}")


def concat_kdf(
    shared_secret: bytes,
    length: int,
    other_info: bytes,
    digest: type[hashes.HashAlgorithm] = hashes.SHA256,
) -> bytes:
    """NIST SP 800-56A single-step KDF (XML Encryption 1.1 ConcatKDF) over ``other_info``."""
    return ConcatKDFHash(algorithm=digest(), length=length, otherinfo=other_info).derive(
        shared_secret
    )


def _coerce_private_key(
    key: ec.EllipticCurvePrivateKey | bytes | str,
) -> ec.EllipticCurvePrivateKey:
    loaded = load_private_key(key) if isinstance(key, bytes | str) else key
    if not isinstance(loaded, ec.EllipticCurvePrivateKey):
        raise DecryptionError("klucz SP nie jest kluczem EC – SP key is not an EC key")
    return loaded


# --------------------------------------------------------------------------- decryption


def _find_encrypted_key(
    encrypted_assertion: etree._Element, encrypted_data: etree._Element
) -> etree._Element:
    key_info = encrypted_data.find(_q(DS, "KeyInfo"))
    if key_info is not None:
        inline = key_info.findall(_q(XENC, "EncryptedKey"))
        if len(inline) == 1:
            return inline[0]
        if len(inline) > 1:
            raise DecryptionError("wiele EncryptedKey – several EncryptedKey elements")
        retrieval = key_info.findall(_q(DS, "RetrievalMethod"))
        if len(retrieval) > 1:
            raise DecryptionError("wiele RetrievalMethod – several RetrievalMethod elements")
        if retrieval:
            uri = retrieval[0].get("URI", "")
            kind = retrieval[0].get("Type")
            if not uri.startswith("#") or (kind is not None and kind != TYPE_ENCRYPTED_KEY):
                raise DecryptionError("nieobsługiwany RetrievalMethod – unsupported reference")
            # Only siblings inside this EncryptedAssertion: never search the whole document.
            matches = [
                k
                for k in encrypted_assertion.findall(_q(XENC, "EncryptedKey"))
                if k.get("Id") == uri[1:]
            ]
            if len(matches) != 1:
                raise DecryptionError("nie znaleziono EncryptedKey – EncryptedKey not found")
            return matches[0]
    siblings = encrypted_assertion.findall(_q(XENC, "EncryptedKey"))
    if len(siblings) == 1:
        return siblings[0]
    raise DecryptionError("brak jednoznacznego EncryptedKey – no unambiguous EncryptedKey")


def _originator_public_key(agreement: etree._Element) -> ec.EllipticCurvePublicKey:
    originator = _one(agreement, XENC, "OriginatorKeyInfo", "OriginatorKeyInfo")
    key_value = _one(originator, DS, "KeyValue", "KeyValue")
    ec_key_value = _one(key_value, DSIG11, "ECKeyValue", "ECKeyValue")
    curve_uri = _one(ec_key_value, DSIG11, "NamedCurve", "NamedCurve").get("URI", "")
    curve = CURVES.get(curve_uri)
    if curve is None:
        raise DecryptionError(f"nieobsługiwana krzywa – unsupported curve {curve_uri!r}")
    point = _b64(_one(ec_key_value, DSIG11, "PublicKey", "PublicKey").text, "PublicKey")
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(curve(), point)
    except ValueError:
        raise DecryptionError("niepoprawny klucz nadawcy – invalid originator key") from None


def _key_encryption_key(
    encrypted_key: etree._Element, sp_key: ec.EllipticCurvePrivateKey, kek_bytes: int
) -> bytes:
    key_info = _one(encrypted_key, DS, "KeyInfo", "EncryptedKey/KeyInfo")
    agreement = _one(key_info, XENC, "AgreementMethod", "AgreementMethod")
    if agreement.get("Algorithm") != ECDH_ES:
        raise DecryptionError(
            f"nieobsługiwane uzgadnianie klucza – unsupported {agreement.get('Algorithm')!r}"
        )
    kdm = _one(agreement, XENC11, "KeyDerivationMethod", "KeyDerivationMethod")
    if kdm.get("Algorithm") != CONCAT_KDF:
        raise DecryptionError(
            f"nieobsługiwane wyprowadzanie klucza – unsupported KDF {kdm.get('Algorithm')!r}"
        )
    params = _one(kdm, XENC11, "ConcatKDFParams", "ConcatKDFParams")
    digest_uri = _one(params, DS, "DigestMethod", "DigestMethod").get("Algorithm", "")
    digest = DIGESTS.get(digest_uri)
    if digest is None:
        raise DecryptionError(f"nieobsługiwany skrót – unsupported digest {digest_uri!r}")
    originator = _originator_public_key(agreement)
    if originator.curve.name != sp_key.curve.name:
        raise DecryptionError("krzywa nie pasuje do klucza SP – curve does not match SP key")
    try:
        shared = sp_key.exchange(ec.ECDH(), originator)
    except ValueError:
        raise DecryptionError("ECDH nie powiodło się – ECDH failed") from None
    return concat_kdf(shared, kek_bytes, kdf_other_info(params), digest)


_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>")


def _parse_plaintext(plaintext: bytes, context: etree._Element) -> etree._Element:
    """Parse the decrypted element, in the namespace context of the EncryptedAssertion.

    XML Encryption replaces EncryptedData by the plaintext in its context, so a sender may
    rely on prefixes declared on an ancestor (e.g. ``saml2`` on the Response). First try
    the plaintext on its own; if that fails, re-parse it inside a wrapper declaring the
    context's in-scope namespaces and return a standalone copy of the single element.
    """
    try:
        return parse_xml(plaintext)
    except MalformedXMLError as exc:
        first_error = exc
    declarations = " ".join(
        f"xmlns:{prefix}={quoteattr(uri)}" if prefix else f"xmlns={quoteattr(uri)}"
        for prefix, uri in context.nsmap.items()
    )
    if not declarations:
        raise DecryptionError(f"odszyfrowana treść nie jest XML – plaintext: {first_error}")
    body = _XML_DECLARATION.sub(b"", plaintext, count=1)
    try:
        wrapper = parse_xml(
            b"<wk-context " + declarations.encode("utf-8") + b">" + body + b"</wk-context>"
        )
    except MalformedXMLError:
        raise DecryptionError(
            f"odszyfrowana treść nie jest XML – plaintext: {first_error}"
        ) from None
    children = [child for child in wrapper if isinstance(child.tag, str)]
    if len(children) != 1:
        raise DecryptionError("oczekiwano jednego elementu – expected a single element")
    return parse_xml(etree.tostring(children[0]))


def decrypt_encrypted_assertion(
    encrypted_assertion: etree._Element,
    sp_private_key: ec.EllipticCurvePrivateKey | bytes | str,
) -> etree._Element:
    """Decrypt a WK ``saml:EncryptedAssertion`` and return the ``saml:Assertion`` element.

    ``sp_private_key`` is the SP's encryption key (object or PEM). The returned element is
    the root of a freshly parsed document (parsed with :func:`.xmlsafe.parse_xml`).
    Raises :class:`DecryptionError` on a wrong key, tampering or an unsupported structure;
    :class:`.xmlsafe.UnsafeXMLError` if the plaintext carries a DOCTYPE.
    """
    sp_key = _coerce_private_key(sp_private_key)
    if encrypted_assertion.tag == _q(XENC, "EncryptedData"):
        encrypted_data = encrypted_assertion
        container = encrypted_assertion.getparent()
        if container is None:
            container = encrypted_assertion
    else:
        encrypted_data = _one(encrypted_assertion, XENC, "EncryptedData", "EncryptedData")
        container = encrypted_assertion
    data_type = encrypted_data.get("Type")
    if data_type is not None and data_type != TYPE_ELEMENT:
        raise DecryptionError(f"nieobsługiwany Type – unsupported Type {data_type!r}")

    content_method = _one(encrypted_data, XENC, "EncryptionMethod", "EncryptionMethod")
    content_algorithm = content_method.get("Algorithm", "")
    if content_algorithm not in GCM_ALGORITHMS:
        raise DecryptionError(
            f"nieobsługiwany algorytm treści – unsupported content algorithm {content_algorithm!r}"
        )

    encrypted_key = _find_encrypted_key(container, encrypted_data)
    kw_method = _one(encrypted_key, XENC, "EncryptionMethod", "EncryptedKey/EncryptionMethod")
    kw_algorithm = kw_method.get("Algorithm", "")
    if kw_algorithm not in KW_ALGORITHMS:
        raise DecryptionError(
            f"nieobsługiwane opakowanie klucza – unsupported key wrap {kw_algorithm!r}"
        )
    kek = _key_encryption_key(encrypted_key, sp_key, KW_ALGORITHMS[kw_algorithm])
    wrapped = _cipher_value(encrypted_key, "EncryptedKey")
    try:
        content_key = aes_key_unwrap(kek, wrapped)
    except (InvalidUnwrap, ValueError):
        raise DecryptionError(
            "nie udało się odpakować klucza (zły klucz SP?) – key unwrap failed (wrong SP key?)"
        ) from None
    if len(content_key) not in (16, 24, 32):
        raise DecryptionError("niepoprawna długość klucza – bad content key length")
    if len(content_key) != GCM_ALGORITHMS[content_algorithm]:
        # Known WK quirk: the key size wins over the declared algorithm.
        logger.warning(
            "WK content key is %d bits although %s was declared",
            len(content_key) * 8,
            content_algorithm,
        )

    blob = _cipher_value(encrypted_data, "EncryptedData")
    if len(blob) < GCM_IV_BYTES + GCM_TAG_BYTES:
        raise DecryptionError("szyfrogram za krótki – ciphertext too short")
    iv, ciphertext_and_tag = blob[:GCM_IV_BYTES], blob[GCM_IV_BYTES:]
    try:
        plaintext = AESGCM(content_key).decrypt(iv, ciphertext_and_tag, None)
    except InvalidTag:
        raise DecryptionError(
            "uwierzytelnienie AES-GCM nie powiodło się – AES-GCM authentication failed"
        ) from None

    assertion = _parse_plaintext(plaintext, container)
    if assertion.tag != _q(SAML, "Assertion"):
        raise DecryptionError(
            f"odszyfrowano {assertion.tag!r} zamiast Assertion – not an Assertion"
        )
    return assertion


# --------------------------------------------------------------------------- encryption


def _coerce_public_key(
    key: ec.EllipticCurvePublicKey | x509.Certificate | bytes | str,
) -> ec.EllipticCurvePublicKey:
    loaded: object = key
    if isinstance(loaded, str):
        loaded = loaded.encode("ascii")
    if isinstance(loaded, bytes):
        if b"CERTIFICATE" in loaded:
            loaded = x509.load_pem_x509_certificate(loaded)
        else:
            loaded = serialization.load_pem_public_key(loaded)
    if isinstance(loaded, x509.Certificate):
        loaded = loaded.public_key()
    if not isinstance(loaded, ec.EllipticCurvePublicKey):
        raise TypeError("recipient key must be an EC public key")
    return loaded


def _curve_uri(curve: ec.EllipticCurve) -> str:
    for uri, cls in CURVES.items():
        if isinstance(curve, cls):
            return uri
    raise ValueError(f"unsupported curve {curve.name}")


def encrypt_assertion(
    assertion: etree._Element | bytes,
    recipient_public_key: ec.EllipticCurvePublicKey | x509.Certificate | bytes | str,
    *,
    key_bits: int = 256,
    kw_bits: int = 256,
    content_algorithm: str | None = None,
    algorithm_id: bytes | None = None,
    party_u_info: bytes = b"",
    party_v_info: bytes = b"",
    kdf_params: str = KDF_PARAMS_WK,
) -> etree._Element:
    """Encrypt ``assertion`` for the SP in the WK way; returns a new ``saml:EncryptedAssertion``.

    A fresh ephemeral key (on the recipient's curve), content key and IV are used each time.
    ``key_bits`` is the AES-GCM content key size, ``kw_bits`` the key-wrap size;
    ``content_algorithm`` overrides the declared content algorithm URI (to reproduce the
    production quirk of a 128-bit key under ``aes256-gcm``). ``algorithm_id`` defaults to
    the key-wrap algorithm URI; the WK puts its own issuer in ``party_u_info`` and the SP's
    entity id in ``party_v_info``. ``kdf_params`` picks the ConcatKDFParams encoding: the
    WK's length-prefixed form or the XML Encryption 1.1 bit strings.
    ``assertion`` may also be given as serialised bytes.
    """
    if key_bits not in (128, 192, 256) or kw_bits not in (128, 192, 256):
        raise ValueError("key sizes must be 128, 192 or 256 bits")
    recipient = _coerce_public_key(recipient_public_key)
    gcm_uri = content_algorithm or f"{XENC11}aes{key_bits}-gcm"
    kw_uri = f"{XENC}kw-aes{kw_bits}"
    if algorithm_id is None:
        algorithm_id = kw_uri.encode("ascii")
    encoded = {
        "AlgorithmID": encode_kdf_param(algorithm_id, kdf_params),
        "PartyUInfo": encode_kdf_param(party_u_info, kdf_params),
        "PartyVInfo": encode_kdf_param(party_v_info, kdf_params),
    }
    other_info = b"".join(
        bytes.fromhex(value) if kdf_params == KDF_PARAMS_WK else bytes.fromhex(value)[1:]
        for value in encoded.values()
    )

    ephemeral = ec.generate_private_key(recipient.curve)
    shared = ephemeral.exchange(ec.ECDH(), recipient)
    kek = concat_kdf(shared, kw_bits // 8, other_info)
    content_key = AESGCM.generate_key(bit_length=key_bits)
    wrapped = aes_key_wrap(kek, content_key)
    iv = os.urandom(GCM_IV_BYTES)
    plaintext = (
        assertion if isinstance(assertion, bytes) else etree.tostring(assertion, encoding="UTF-8")
    )
    blob = iv + AESGCM(content_key).encrypt(iv, plaintext, None)
    point = ephemeral.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )

    nsmap = {"saml2": SAML, "xenc": XENC, "xenc11": XENC11, "ds": DS, "dsig11": DSIG11}
    root = etree.Element(_q(SAML, "EncryptedAssertion"), nsmap=nsmap)
    data = etree.SubElement(root, _q(XENC, "EncryptedData"), Type=TYPE_ELEMENT)
    etree.SubElement(data, _q(XENC, "EncryptionMethod"), Algorithm=gcm_uri)
    data_key_info = etree.SubElement(data, _q(DS, "KeyInfo"))
    enc_key = etree.SubElement(data_key_info, _q(XENC, "EncryptedKey"))
    etree.SubElement(enc_key, _q(XENC, "EncryptionMethod"), Algorithm=kw_uri)
    key_info = etree.SubElement(enc_key, _q(DS, "KeyInfo"))
    agreement = etree.SubElement(key_info, _q(XENC, "AgreementMethod"), Algorithm=ECDH_ES)
    kdm = etree.SubElement(agreement, _q(XENC11, "KeyDerivationMethod"), Algorithm=CONCAT_KDF)
    params = etree.SubElement(kdm, _q(XENC11, "ConcatKDFParams"), encoded)
    etree.SubElement(params, _q(DS, "DigestMethod"), Algorithm=f"{XENC}sha256")
    originator = etree.SubElement(agreement, _q(XENC, "OriginatorKeyInfo"))
    key_value = etree.SubElement(originator, _q(DS, "KeyValue"))
    ec_key_value = etree.SubElement(key_value, _q(DSIG11, "ECKeyValue"))
    etree.SubElement(ec_key_value, _q(DSIG11, "NamedCurve"), URI=_curve_uri(recipient.curve))
    etree.SubElement(ec_key_value, _q(DSIG11, "PublicKey")).text = base64.b64encode(point).decode(
        "ascii"
    )
    key_cipher_data = etree.SubElement(enc_key, _q(XENC, "CipherData"))
    etree.SubElement(key_cipher_data, _q(XENC, "CipherValue")).text = base64.b64encode(
        wrapped
    ).decode("ascii")
    data_cipher_data = etree.SubElement(data, _q(XENC, "CipherData"))
    etree.SubElement(data_cipher_data, _q(XENC, "CipherValue")).text = base64.b64encode(
        blob
    ).decode("ascii")
    return root
