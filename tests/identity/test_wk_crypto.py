"""The WK (login.gov.pl) crypto core: safe XML, ECDH-ES EncryptedAssertion, ECDSA signatures.

No database: these tests exercise pure functions only.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt

import pytest
import xmlsec
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from lxml import etree

from eurzad.core.xmlsecurity import keys, xmldsig, xmlenc
from eurzad.core.xmlsecurity.xmldsig import SignatureError
from eurzad.core.xmlsecurity.xmlenc import DecryptionError
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
XENC = xmlenc.XENC
DS = xmlenc.DS
DSIG11 = xmlenc.DSIG11

ASSERTION = (
    f'<saml2:Assertion xmlns:saml2="{SAML}" ID="_assertion-1" Version="2.0"'
    ' IssueInstant="2026-11-23T14:00:00Z">'
    "<saml2:Issuer>https://symulator.login.gov.pl</saml2:Issuer>"
    "<saml2:Subject><saml2:NameID>PESEL-12345678901</saml2:NameID></saml2:Subject>"
    '<saml2:AttributeStatement><saml2:Attribute Name="http://eidas.europa.eu/attributes/'
    'naturalperson/CurrentGivenName"><saml2:AttributeValue>Zażółć Gęślą</saml2:AttributeValue>'
    "</saml2:Attribute></saml2:AttributeStatement>"
    "</saml2:Assertion>"
).encode()


@pytest.fixture(scope="module")
def sp() -> tuple[bytes, bytes]:
    """The SP's encryption key and certificate (PEM)."""
    return keys.generate_key_and_certificate("https://zembrzyce.localhost/logowanie/sp")


@pytest.fixture(scope="module")
def idp() -> tuple[bytes, bytes]:
    """The IdP's signing key and certificate (PEM)."""
    return keys.generate_key_and_certificate("symulator.login.gov.pl", organization="COI")


def _assertion() -> etree._Element:
    return parse_xml(ASSERTION)


def _wire(element: etree._Element) -> etree._Element:
    """Serialise and re-parse, as if the element travelled over the network."""
    return parse_xml(etree.tostring(element))


def _given_name(assertion: etree._Element) -> str | None:
    return assertion.findtext(f".//{{{SAML}}}AttributeValue")


# --------------------------------------------------------------------------- keys


def test_generated_key_and_certificate_round_trip(sp: tuple[bytes, bytes]) -> None:
    key_pem, cert_pem = sp
    key = keys.load_private_key(key_pem)
    cert = keys.load_certificate(cert_pem.decode())
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    assert key.curve.name == "secp256r1"
    assert cert.public_key().public_numbers() == key.public_key().public_numbers()
    assert keys.public_key_of(cert_pem).public_numbers() == key.public_key().public_numbers()


# --------------------------------------------------------------------------- xmlsafe


def test_parse_xml_accepts_plain_saml() -> None:
    root = parse_xml(ASSERTION)
    assert root.tag == f"{{{SAML}}}Assertion"
    assert _given_name(root) == "Zażółć Gęślą"


@pytest.mark.parametrize(
    "payload",
    [
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
        b'<!DOCTYPE a SYSTEM "http://attacker.example/evil.dtd"><a/>',
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<a>&xxe;</a>",
        # billion laughs
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
        b"]><lolz>&lol3;</lolz>",
        # DOCTYPE hidden from a byte search by UTF-16
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'.encode(
            "utf-16"
        ),
    ],
    ids=["internal-entity", "external-dtd", "xxe", "billion-laughs", "utf16-doctype"],
)
def test_parse_xml_rejects_doctype_and_entities(payload: bytes) -> None:
    with pytest.raises(UnsafeXMLError) as excinfo:
        parse_xml(payload)
    assert "Odrzucono niebezpieczny XML" in str(excinfo.value)
    assert "rejected unsafe XML" in str(excinfo.value)


@pytest.mark.parametrize("payload", [b"<a><b></a>", b"not xml", b"", b"<a>&undefined;</a>"])
def test_parse_xml_rejects_malformed(payload: bytes) -> None:
    with pytest.raises(MalformedXMLError) as excinfo:
        parse_xml(payload)
    assert "malformed XML" in str(excinfo.value)


def test_parse_xml_drops_comments_that_could_split_a_nameid() -> None:
    root = parse_xml(b"<a><n>admin<!-- x -->.evil</n></a>")
    assert root.findtext("n") == "admin.evil"


# --------------------------------------------------------------------------- xmlenc


@pytest.mark.parametrize("key_bits", [128, 256])
def test_encrypt_decrypt_round_trip(sp: tuple[bytes, bytes], key_bits: int) -> None:
    key_pem, cert_pem = sp
    encrypted = _wire(xmlenc.encrypt_assertion(_assertion(), cert_pem, key_bits=key_bits))

    method = encrypted.find(f"{{{XENC}}}EncryptedData/{{{XENC}}}EncryptionMethod")
    assert method.get("Algorithm") == f"http://www.w3.org/2009/xmlenc11#aes{key_bits}-gcm"
    params = encrypted.find(f".//{{{xmlenc.XENC11}}}ConcatKDFParams")
    # The WK form: 4-byte length (42 = len of the kw-aes256 URI) and the URI itself.
    assert params.get("AlgorithmID") == "0000002A" + xmlenc.KW_AES256.encode().hex().upper()
    curve = encrypted.find(f".//{{{XENC}}}OriginatorKeyInfo//{{{DSIG11}}}NamedCurve")
    assert curve.get("URI") == "urn:oid:1.2.840.10045.3.1.7"

    assertion = xmlenc.decrypt_encrypted_assertion(encrypted, keys.load_private_key(key_pem))
    assert assertion.tag == f"{{{SAML}}}Assertion"
    assert assertion.get("ID") == "_assertion-1"
    assert _given_name(assertion) == "Zażółć Gęślą"


def test_each_encryption_is_fresh(sp: tuple[bytes, bytes]) -> None:
    _, cert_pem = sp
    first = xmlenc.encrypt_assertion(_assertion(), cert_pem)
    second = xmlenc.encrypt_assertion(_assertion(), cert_pem)
    point = f".//{{{DSIG11}}}PublicKey"
    assert first.findtext(point) != second.findtext(point)
    cipher = f"{{{XENC}}}EncryptedData/{{{XENC}}}CipherData/{{{XENC}}}CipherValue"
    assert first.findtext(cipher)[:16] != second.findtext(cipher)[:16]


def test_declared_aes256_with_128_bit_key_still_decrypts(sp: tuple[bytes, bytes]) -> None:
    """Production once sent a 128-bit content key under xmlenc11#aes256-gcm."""
    key_pem, cert_pem = sp
    encrypted = xmlenc.encrypt_assertion(
        _assertion(), cert_pem, key_bits=128, content_algorithm=xmlenc.AES256_GCM
    )
    method = encrypted.find(f"{{{XENC}}}EncryptedData/{{{XENC}}}EncryptionMethod")
    assert method.get("Algorithm") == xmlenc.AES256_GCM
    assertion = xmlenc.decrypt_encrypted_assertion(_wire(encrypted), key_pem)
    assert _given_name(assertion) == "Zażółć Gęślą"


def test_encrypted_key_as_sibling_via_retrieval_method(sp: tuple[bytes, bytes]) -> None:
    key_pem, cert_pem = sp
    encrypted = xmlenc.encrypt_assertion(_assertion(), cert_pem)
    key_info = encrypted.find(f"{{{XENC}}}EncryptedData/{{{DS}}}KeyInfo")
    encrypted_key = key_info.find(f"{{{XENC}}}EncryptedKey")
    key_info.remove(encrypted_key)
    encrypted_key.set("Id", "_ek1")
    encrypted.append(encrypted_key)
    etree.SubElement(
        key_info, f"{{{DS}}}RetrievalMethod", URI="#_ek1", Type=xmlenc.TYPE_ENCRYPTED_KEY
    )
    assertion = xmlenc.decrypt_encrypted_assertion(_wire(encrypted), key_pem)
    assert assertion.get("ID") == "_assertion-1"


def test_plaintext_relying_on_context_namespaces_decrypts(sp: tuple[bytes, bytes]) -> None:
    """The sender may serialise the Assertion without re-declaring the saml2 prefix."""
    key_pem, cert_pem = sp
    plaintext = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<saml2:Assertion ID="_ctx"><saml2:Issuer>i</saml2:Issuer></saml2:Assertion>'
    )
    encrypted = _wire(xmlenc.encrypt_assertion(plaintext, cert_pem))
    assertion = xmlenc.decrypt_encrypted_assertion(encrypted, key_pem)
    assert assertion.tag == f"{{{SAML}}}Assertion"
    assert assertion.get("ID") == "_ctx"
    assert assertion.getparent() is None


def test_plaintext_that_is_not_an_assertion_is_rejected(sp: tuple[bytes, bytes]) -> None:
    key_pem, cert_pem = sp
    encrypted = _wire(xmlenc.encrypt_assertion(b"<x:evil xmlns:x='urn:x'/>", cert_pem))
    with pytest.raises(DecryptionError, match="not an Assertion"):
        xmlenc.decrypt_encrypted_assertion(encrypted, key_pem)


def test_plaintext_with_doctype_is_rejected(sp: tuple[bytes, bytes]) -> None:
    key_pem, cert_pem = sp
    plaintext = b'<!DOCTYPE a [<!ENTITY x "y">]>' + ASSERTION
    encrypted = _wire(xmlenc.encrypt_assertion(plaintext, cert_pem))
    with pytest.raises(UnsafeXMLError):
        xmlenc.decrypt_encrypted_assertion(encrypted, key_pem)


def test_wrong_sp_key_is_rejected(sp: tuple[bytes, bytes]) -> None:
    _, cert_pem = sp
    encrypted = _wire(xmlenc.encrypt_assertion(_assertion(), cert_pem))
    other_key = keys.generate_private_key()
    with pytest.raises(DecryptionError) as excinfo:
        xmlenc.decrypt_encrypted_assertion(encrypted, other_key)
    assert "Nie udało się odszyfrować" in str(excinfo.value)
    assert "could not decrypt" in str(excinfo.value)


def _flip_byte(element: etree._Element, path: str, index: int) -> None:
    node = element.find(path)
    raw = bytearray(base64.b64decode(node.text))
    raw[index] ^= 0x01
    node.text = base64.b64encode(bytes(raw)).decode()


@pytest.mark.parametrize(
    "path,index",
    [
        (f"{{{XENC}}}EncryptedData/{{{XENC}}}CipherData/{{{XENC}}}CipherValue", 40),  # body
        (f"{{{XENC}}}EncryptedData/{{{XENC}}}CipherData/{{{XENC}}}CipherValue", 3),  # IV
        (f"{{{XENC}}}EncryptedData/{{{XENC}}}CipherData/{{{XENC}}}CipherValue", -1),  # tag
        (f".//{{{XENC}}}EncryptedKey/{{{XENC}}}CipherData/{{{XENC}}}CipherValue", 5),  # key
        (f".//{{{DSIG11}}}PublicKey", 20),  # originator's ephemeral key
    ],
    ids=["ciphertext", "iv", "tag", "wrapped-key", "originator-key"],
)
def test_tampering_is_rejected(sp: tuple[bytes, bytes], path: str, index: int) -> None:
    key_pem, cert_pem = sp
    encrypted = _wire(xmlenc.encrypt_assertion(_assertion(), cert_pem))
    _flip_byte(encrypted, path, index)
    with pytest.raises(DecryptionError):
        xmlenc.decrypt_encrypted_assertion(encrypted, key_pem)


def test_tampered_kdf_parameters_are_rejected(sp: tuple[bytes, bytes]) -> None:
    key_pem, cert_pem = sp
    encrypted = _wire(xmlenc.encrypt_assertion(_assertion(), cert_pem))
    encrypted.find(f".//{{{xmlenc.XENC11}}}ConcatKDFParams").set("PartyUInfo", "0041")
    with pytest.raises(DecryptionError):
        xmlenc.decrypt_encrypted_assertion(encrypted, key_pem)


def test_truncated_ciphertext_is_rejected(sp: tuple[bytes, bytes]) -> None:
    key_pem, cert_pem = sp
    encrypted = _wire(xmlenc.encrypt_assertion(_assertion(), cert_pem))
    path = f"{{{XENC}}}EncryptedData/{{{XENC}}}CipherData/{{{XENC}}}CipherValue"
    encrypted.find(path).text = base64.b64encode(b"\x00" * 20).decode()
    with pytest.raises(DecryptionError):
        xmlenc.decrypt_encrypted_assertion(encrypted, key_pem)


def test_unsupported_algorithms_are_rejected(sp: tuple[bytes, bytes]) -> None:
    key_pem, cert_pem = sp
    encrypted = _wire(xmlenc.encrypt_assertion(_assertion(), cert_pem))
    method = encrypted.find(f"{{{XENC}}}EncryptedData/{{{XENC}}}EncryptionMethod")
    method.set("Algorithm", "http://www.w3.org/2001/04/xmlenc#aes256-cbc")
    with pytest.raises(DecryptionError, match="unsupported content algorithm"):
        xmlenc.decrypt_encrypted_assertion(encrypted, key_pem)


def _params(**attributes: str) -> etree._Element:
    return etree.Element(f"{{{xmlenc.XENC11}}}ConcatKDFParams", **attributes)


def test_kdf_other_info_in_the_wk_form_keeps_the_length_prefixes() -> None:
    """The WK: hex of 4-byte big-endian length || value; OtherInfo = those bytes as they are."""
    algorithm = "0000002A" + xmlenc.KW_AES256.encode().hex()
    u_info, v_info = "00000005414C494345", "00000003424F42"
    other_info = xmlenc.kdf_other_info(
        _params(AlgorithmID=algorithm, PartyUInfo=u_info, PartyVInfo=v_info)
    )
    assert other_info == bytes.fromhex(algorithm + u_info + v_info)
    assert xmlenc.encode_kdf_param(b"ALICE") == u_info
    assert xmlenc.encode_kdf_param(b"") == "00000000"


def test_kdf_other_info_in_the_xmlenc11_form_drops_the_padding_octet() -> None:
    """XML Enc 1.1 §5.4.1: hexBinary = padding-bit count octet || bit string octets."""
    algorithm = "00" + xmlenc.KW_AES256.encode().hex()
    other_info = xmlenc.kdf_other_info(
        _params(AlgorithmID=algorithm, PartyUInfo="00414C494345", PartyVInfo="00")
    )
    assert other_info == xmlenc.KW_AES256.encode() + b"ALICE"
    assert xmlenc.encode_kdf_param(b"ALICE", xmlenc.KDF_PARAMS_XMLENC11) == "00414C494345"


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"PartyUInfo": "00000005414C49"}, "length prefix does not match"),
        ({"AlgorithmID": ""}, "without AlgorithmID"),
        ({"AlgorithmID": "03A0"}, "non-byte-aligned"),
        ({"AlgorithmID": "414C494345"}, "neither a length-prefixed value"),
        ({"PartyVInfo": "zz"}, "bad hexBinary"),
    ],
)
def test_kdf_parameters_that_fit_neither_form_are_refused(
    attributes: dict[str, str], message: str
) -> None:
    params = {"AlgorithmID": "0000002A" + xmlenc.KW_AES256.encode().hex(), **attributes}
    with pytest.raises(DecryptionError, match=message):
        xmlenc.kdf_other_info(_params(**params))


@pytest.mark.parametrize("form", [xmlenc.KDF_PARAMS_WK, xmlenc.KDF_PARAMS_XMLENC11])
def test_both_kdf_parameter_forms_round_trip(sp: tuple[bytes, bytes], form: str) -> None:
    key_pem, cert_pem = sp
    encrypted = _wire(
        xmlenc.encrypt_assertion(
            _assertion(),
            cert_pem,
            party_u_info=b"int.login.gov.pl",
            party_v_info=b"https://zembrzyce.localhost/logowanie/sp",
            kdf_params=form,
        )
    )
    assertion = xmlenc.decrypt_encrypted_assertion(encrypted, key_pem)
    assert _given_name(assertion) == "Zażółć Gęślą"


@pytest.mark.skipif(
    xmlsec.get_libxmlsec_version() < (1, 3, 0), reason="libxmlsec1 < 1.3 has no ECDH-ES"
)
@pytest.mark.parametrize("key_bits", [128, 256])
def test_libxmlsec1_decrypts_our_output(sp: tuple[bytes, bytes], key_bits: int) -> None:
    """Interop: libxmlsec1's own ECDH-ES/ConcatKDF/KW/GCM decrypts what we produce.

    python-xmlsec cannot read dsig11:ECKeyValue through its keys manager and libxmlsec1
    requires RecipientKeyInfo, so both keys are given by KeyName; the crypto is unchanged.
    """
    key_pem, cert_pem = sp
    # libxmlsec1 reads ConcatKDFParams the XML Encryption 1.1 way (padding octet).
    encrypted = xmlenc.encrypt_assertion(
        _assertion(), cert_pem, key_bits=key_bits, kdf_params=xmlenc.KDF_PARAMS_XMLENC11
    )
    agreement = encrypted.find(f".//{{{XENC}}}AgreementMethod")
    originator = agreement.find(f"{{{XENC}}}OriginatorKeyInfo")
    point = base64.b64decode(originator.findtext(f".//{{{DSIG11}}}PublicKey"))
    originator_pem = keys.public_key_to_pem(
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    )
    for child in list(originator):
        originator.remove(child)
    etree.SubElement(originator, f"{{{DS}}}KeyName").text = "originator"
    recipient = etree.SubElement(agreement, f"{{{XENC}}}RecipientKeyInfo")
    etree.SubElement(recipient, f"{{{DS}}}KeyName").text = "sp"
    encrypted = _wire(encrypted)

    manager = xmlsec.KeysManager()
    sp_key = xmlsec.Key.from_memory(key_pem, xmlsec.KeyFormat.PEM)
    sp_key.name = "sp"
    manager.add_key(sp_key)
    originator_key = xmlsec.Key.from_memory(originator_pem, xmlsec.KeyFormat.PEM)
    originator_key.name = "originator"
    manager.add_key(originator_key)
    decrypted = xmlsec.EncryptionContext(manager).decrypt(encrypted[0])
    assert decrypted.tag == f"{{{SAML}}}Assertion"
    assert _given_name(decrypted) == "Zażółć Gęślą"


# --------------------------------------------------------------------------- xmldsig


def _signed(idp: tuple[bytes, bytes]) -> etree._Element:
    key_pem, cert_pem = idp
    assertion = _assertion()
    xmldsig.sign(assertion, key_pem, cert_pem)
    return _wire(assertion)


def test_sign_then_verify(idp: tuple[bytes, bytes]) -> None:
    _, cert_pem = idp
    assertion = _signed(idp)
    children = list(assertion)
    assert children[0].tag == f"{{{SAML}}}Issuer"
    signature = children[1]
    assert signature.tag == f"{{{DS}}}Signature"
    method = signature.find(f"{{{DS}}}SignedInfo/{{{DS}}}SignatureMethod")
    assert method.get("Algorithm") == xmldsig.ECDSA_SHA256
    c14n = signature.find(f"{{{DS}}}SignedInfo/{{{DS}}}CanonicalizationMethod")
    assert c14n.get("Algorithm") == xmldsig.EXC_C14N
    assert signature.find(f".//{{{DS}}}Reference").get("URI") == "#_assertion-1"
    assert signature.findtext(f".//{{{DS}}}X509Certificate")
    xmldsig.verify(assertion, cert_pem)


def test_signature_without_issuer_goes_first(idp: tuple[bytes, bytes]) -> None:
    key_pem, cert_pem = idp
    element = parse_xml(f'<samlp:ArtifactResolve xmlns:samlp="{SAMLP}" ID="_ar1"/>'.encode())
    xmldsig.sign(element, key_pem, cert_pem)
    assert element[0].tag == f"{{{DS}}}Signature"
    xmldsig.verify(_wire(element), cert_pem)


def test_signed_then_encrypted_assertion_still_verifies(
    sp: tuple[bytes, bytes], idp: tuple[bytes, bytes]
) -> None:
    sp_key, sp_cert = sp
    _, idp_cert = idp
    encrypted = _wire(xmlenc.encrypt_assertion(_signed(idp), sp_cert))
    xmldsig.verify(xmlenc.decrypt_encrypted_assertion(encrypted, sp_key), idp_cert)


def test_rsa_signature_verifies() -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "rsa-idp")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(rsa_key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(rsa_key, hashes.SHA256())
    )
    key_pem, cert_pem = keys.private_key_to_pem(rsa_key), keys.certificate_to_pem(cert)
    assertion = _assertion()
    xmldsig.sign(assertion, key_pem, cert_pem)
    assertion = _wire(assertion)
    method = assertion.find(f".//{{{DS}}}SignatureMethod").get("Algorithm")
    assert method == xmldsig.RSA_SHA256
    xmldsig.verify(assertion, cert_pem)


def test_modified_content_is_rejected(idp: tuple[bytes, bytes]) -> None:
    _, cert_pem = idp
    assertion = _signed(idp)
    assertion.find(f".//{{{SAML}}}NameID").text = "PESEL-99999999999"
    with pytest.raises(SignatureError) as excinfo:
        xmldsig.verify(assertion, cert_pem)
    assert "Niepoprawny podpis" in str(excinfo.value)
    assert "invalid XML signature" in str(excinfo.value)


def test_modified_attribute_is_rejected(idp: tuple[bytes, bytes]) -> None:
    _, cert_pem = idp
    assertion = _signed(idp)
    assertion.set("IssueInstant", "2030-01-01T00:00:00Z")
    with pytest.raises(SignatureError):
        xmldsig.verify(assertion, cert_pem)


def test_signature_by_another_key_is_rejected(idp: tuple[bytes, bytes]) -> None:
    attacker_key, attacker_cert = keys.generate_key_and_certificate("attacker")
    _, idp_cert = idp
    assertion = _assertion()
    xmldsig.sign(assertion, attacker_key, attacker_cert)
    with pytest.raises(SignatureError):
        xmldsig.verify(_wire(assertion), idp_cert)


def test_certificate_embedded_in_message_is_not_trusted(idp: tuple[bytes, bytes]) -> None:
    """Swap in the attacker's cert in KeyInfo: verification still uses the trusted cert."""
    attacker_key, attacker_cert = keys.generate_key_and_certificate("attacker")
    _, idp_cert = idp
    assertion = _assertion()
    xmldsig.sign(assertion, attacker_key, attacker_cert)
    idp_b64 = b"".join(idp_cert.strip().splitlines()[1:-1]).decode()
    assertion.find(f".//{{{DS}}}X509Certificate").text = idp_b64
    with pytest.raises(SignatureError):
        xmldsig.verify(_wire(assertion), idp_cert)


def test_unsigned_element_is_rejected(idp: tuple[bytes, bytes]) -> None:
    _, cert_pem = idp
    with pytest.raises(SignatureError, match="expected exactly one signature"):
        xmldsig.verify(_assertion(), cert_pem)


def test_wrapping_with_duplicate_id_is_rejected(idp: tuple[bytes, bytes]) -> None:
    """XSW: the signed original hides elsewhere; a forged twin with the same ID is trusted."""
    _, cert_pem = idp
    signed = _signed(idp)
    response = etree.Element(f"{{{SAMLP}}}Response", nsmap={"samlp": SAMLP}, ID="_r1")
    forged = copy.deepcopy(signed)
    forged.find(f".//{{{SAML}}}NameID").text = "PESEL-99999999999"
    extensions = etree.SubElement(response, f"{{{SAMLP}}}Extensions")
    extensions.append(signed)  # the genuine one, out of the way
    response.append(forged)  # the one the SP would read
    response = _wire(response)
    forged = response.find(f"{{{SAML}}}Assertion")
    genuine = response.find(f"{{{SAMLP}}}Extensions/{{{SAML}}}Assertion")
    with pytest.raises(SignatureError, match="duplicate ID"):
        xmldsig.verify(forged, cert_pem)
    with pytest.raises(SignatureError, match="duplicate ID"):
        xmldsig.verify(genuine, cert_pem)


def test_wrapping_with_reference_to_another_element_is_rejected(
    idp: tuple[bytes, bytes],
) -> None:
    """XSW: a forged assertion carries a valid signature that references another element."""
    _, cert_pem = idp
    signed = _signed(idp)
    signature = signed.find(f"{{{DS}}}Signature")
    forged = _assertion()
    forged.set("ID", "_forged")
    forged.find(f".//{{{SAML}}}NameID").text = "PESEL-99999999999"
    forged.find(f"{{{SAML}}}Issuer").addnext(copy.deepcopy(signature))
    container = etree.Element("wrapper")
    container.append(forged)
    container.append(signed)
    container = _wire(container)
    with pytest.raises(SignatureError, match="references another element"):
        xmldsig.verify(container[0], cert_pem)
    # the genuine element on its own is still fine
    xmldsig.verify(container[1], cert_pem)


def test_two_signatures_are_rejected(idp: tuple[bytes, bytes]) -> None:
    _, cert_pem = idp
    assertion = _signed(idp)
    signature = assertion.find(f"{{{DS}}}Signature")
    signature.addnext(copy.deepcopy(signature))
    with pytest.raises(SignatureError, match="expected exactly one signature"):
        xmldsig.verify(_wire(assertion), cert_pem)


def test_disallowed_transform_is_rejected(idp: tuple[bytes, bytes]) -> None:
    _, cert_pem = idp
    assertion = _signed(idp)
    transforms = assertion.find(f".//{{{DS}}}Transforms")
    etree.SubElement(
        transforms,
        f"{{{DS}}}Transform",
        Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116",
    )
    with pytest.raises(SignatureError, match="transform not allowed"):
        xmldsig.verify(_wire(assertion), cert_pem)
