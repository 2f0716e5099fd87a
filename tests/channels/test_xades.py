"""XAdES-BES signatures of forms: a Profil Zaufany signature is verified and names its
signer; any change after signing, or a certificate from outside the trust store, fails
with a clear bilingual message that never quotes the PESEL."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from cryptography.hazmat.primitives import serialization
from django.utils import translation
from lxml import etree

from eurzad.channels import xades
from eurzad.channels.keys import generate_rsa_key, issue_certificate, new_system_credentials
from eurzad.channels.simulator.compose import Letter, build_document, person_by_pesel
from eurzad.channels.simulator.keys import profil_zaufany_ca
from eurzad.core.xmlsecurity.keys import certificate_to_pem, load_certificate, load_private_key
from tests.channels.conftest import JAN, signed_form

DS = "http://www.w3.org/2000/09/xmldsig#"


def _no_pesel(error: Exception) -> None:
    assert JAN not in str(error)


def test_profil_zaufany_signature_names_the_signer():
    signer = xades.verify(signed_form())
    assert (signer.given_names, signer.surname) == ("Jan", "Kowalski")
    assert signer.pesel == JAN
    assert signer.date_of_birth == dt.date(1944, 5, 14)
    assert signer.signed_at is not None
    assert "Profilu Zaufanego" in signer.certificate_subject
    assert JAN not in repr(signer)


def test_one_changed_byte_of_content_fails():
    document = signed_form(text="Proszę o konto.")
    tampered = document.replace(b"Prosz\xc4\x99 o konto", b"Prosz\xc4\x99 o kontO")
    assert tampered != document
    with pytest.raises(xades.SignatureInvalid) as refused:
        xades.verify(tampered)
    assert "Treść dokumentu zmieniono po podpisaniu – podpis jest nieważny." in str(refused.value)
    _no_pesel(refused.value)
    with translation.override("en"), pytest.raises(xades.SignatureInvalid) as in_english:
        xades.verify(tampered)
    assert "The document was changed after it was signed" in str(in_english.value)


def test_changed_signed_properties_fail():
    tampered = signed_form().replace(b"<pz:FirstName>Jan<", b"<pz:FirstName>Jas<")
    with pytest.raises(xades.SignatureInvalid) as refused:
        xades.verify(tampered)
    assert "Właściwości podpisu zmieniono po podpisaniu – podpis jest nieważny." in str(
        refused.value
    )
    _no_pesel(refused.value)
    with translation.override("en"), pytest.raises(xades.SignatureInvalid) as in_english:
        xades.verify(tampered)
    assert "The signed properties were changed after signing" in str(in_english.value)


def test_signature_by_a_certificate_outside_the_trust_store_fails():
    key_pem, certificate_pem = new_system_credentials("Ktoś obcy")
    person = person_by_pesel(JAN)
    root = build_document(person, Letter(title="x", access_request=True))
    xades.sign(
        root,
        key_pem,
        certificate_pem,
        xades.SignerIdentity("Jan", "Kowalski", JAN, person.date_of_birth),
    )
    with pytest.raises(xades.SignatureInvalid) as refused:
        xades.verify(etree.tostring(root))
    assert "Podpis złożono certyfikatem spoza zaufanych wystawców." in str(refused.value)
    _no_pesel(refused.value)


def test_swapped_certificate_from_the_same_authority_fails():
    """Another certificate of the trusted CA put in KeyInfo: the signed properties name
    the real signing certificate, so the swap is caught."""
    ca_key_pem, ca_pem = profil_zaufany_ca()
    other = issue_certificate(
        generate_rsa_key(),
        "Inny podpisujący",
        issuer_key=load_private_key(ca_key_pem),
        issuer=load_certificate(ca_pem),
    )
    root = etree.fromstring(signed_form())
    node = root.find(f".//{{{DS}}}X509Certificate")
    node.text = base64.b64encode(other.public_bytes(serialization.Encoding.DER)).decode()
    with pytest.raises(xades.SignatureInvalid) as refused:
        xades.verify(etree.tostring(root))
    assert (
        "Certyfikat w podpisie nie jest certyfikatem wskazanym we właściwościach podpisu."
        in str(refused.value)
    )


def test_unsigned_form_is_refused():
    root = build_document(person_by_pesel(JAN), Letter(title="x"))
    with pytest.raises(xades.SignatureInvalid, match="Dokument nie jest podpisany"):
        xades.verify(etree.tostring(root))


def test_second_signature_elsewhere_is_refused_as_wrapping():
    root = etree.fromstring(signed_form())
    signature = root.find(f"{{{DS}}}Signature")
    root.find("{http://crd.gov.pl/wzor/2013/12/12/1410/}TrescDokumentu").append(
        etree.fromstring(etree.tostring(signature))
    )
    with pytest.raises(xades.SignatureInvalid, match="niedozwoloną budowę"):
        xades.verify(etree.tostring(root))


def test_trust_store_file_decides_without_the_simulator(settings, tmp_path):
    """Production trusts only EPUAP_TRUSTED_CA_FILE (simulators are off there)."""
    settings.SIMULATORS_ENABLED = False
    _, ca_pem = profil_zaufany_ca()
    trusted = tmp_path / "trusted.pem"
    trusted.write_text(ca_pem)
    settings.EPUAP_TRUSTED_CA_FILE = str(trusted)
    assert xades.verify(signed_form()).surname == "Kowalski"

    unrelated = tmp_path / "unrelated.pem"
    unrelated.write_bytes(
        certificate_to_pem(issue_certificate(generate_rsa_key(), "Inne CA", ca=True))
    )
    settings.EPUAP_TRUSTED_CA_FILE = str(unrelated)
    with pytest.raises(xades.SignatureInvalid, match="spoza zaufanych wystawców"):
        xades.verify(signed_form())
