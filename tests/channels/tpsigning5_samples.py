"""TEST-ONLY writer of the TpSigning5 known answers in ``data/tpsigning5/``.

Written from what the public sources show of the service (docs/integrations/podpis-zaufany.md),
independently of ``eurzad.channels.xades`` and of the simulator: the XML is written as
text, and only libxmlsec1 (through python-xmlsec) computes the two digests and the
signature value. The signed document is shaped like the public TpSigning5 samples:

* ``ds:Signature`` is the last child of the document's root (enveloped);
* the document's Reference (``URI=""``) leaves the signature out by the XPath filter
  ``not(ancestor-or-self::ds:Signature)`` (with ``ds`` declared on ``ds:XPath``), no
  enveloped-signature transform; SHA-256 digests, RSA-SHA256, exclusive C14N;
* ``xades:SignedSignatureProperties``: ``SigningTime`` (milliseconds and an offset),
  ``SigningCertificate`` (SHA-256 ``CertDigest``, ``IssuerSerial``),
  ``SignaturePolicyIdentifier/SignaturePolicyImplied`` and ``SignerRole/ClaimedRoles/
  ClaimedRole`` holding the signer's data: ``ppZP:PodpisZP`` (since March 2025) or
  ``pz:EPSignature`` (before);
* the SOAP answers are unsigned SOAP 1.1 envelopes; ``getSignedDocumentReturn`` and
  ``addDocumentToSigningReturn`` are unqualified children of the namespaced response.

Run once (``python -m tests.channels.tpsigning5_samples`` with the test settings) to
write the files; the tests read the files and never regenerate them. The sample CA and
signer keys are thrown away: only the CA's certificate is kept (``ca.pem``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from pathlib import Path

import xmlsec
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree

DATA_DIR = Path(__file__).parent / "data" / "tpsigning5"
DS = "http://www.w3.org/2000/09/xmldsig#"

DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<wniosek xmlns="urn:eurzad:probka:wniosek">
  <tytul>Wniosek o wydanie zaświadczenia o niezaleganiu w podatkach</tytul>
  <urzad>Urząd Gminy Zembrzyce</urzad>
  <wnioskodawca>
    <imie>Jan</imie>
    <nazwisko>Kowalski</nazwisko>
  </wnioskodawca>
  <cel>do przetargu</cel>
</wniosek>
"""

PODPIS_ZP = (
    '<ppZP:PodpisZP xmlns:ppZP="http://crd.gov.pl/xml/schematy/ppzp/"'
    ' xmlns:os="http://crd.gov.pl/xml/schematy/osoba/2009/03/06/">'
    "<ppZP:DaneZP><ppZP:DaneZPOsobyFizycznej>"
    '<os:Nazwisko os:rodzajCzlonu="pierwszy">KOWALSKI</os:Nazwisko>'
    "<os:Imie>JAN</os:Imie>"
    "<os:PESEL>44051401359</os:PESEL>"
    "</ppZP:DaneZPOsobyFizycznej></ppZP:DaneZP>"
    "<ppZP:DanePodpisu><ppZP:IdKontaUzytkownikaEpuap>jkowalski</ppZP:IdKontaUzytkownikaEpuap>"
    "</ppZP:DanePodpisu>"
    "</ppZP:PodpisZP>"
)

EP_SIGNATURE = (
    '<pz:EPSignature xmlns:pz="http://crd.gov.pl/xml/schematy/podpis_zaufany/">'
    "<pz:NaturalPerson>"
    "<pz:CurrentFamilyName>WIŚNIEWSKA</pz:CurrentFamilyName>"
    "<pz:FirstName>MARIA</pz:FirstName>"
    "<pz:DateOfBirth>1985-12-16</pz:DateOfBirth>"
    "<pz:PersonalIdentifier>85121612343</pz:PersonalIdentifier>"
    "</pz:NaturalPerson>"
    "<pz:SignatureData>"
    "<pz:IdentityIssuer>int.login.gov.pl</pz:IdentityIssuer>"
    "<pz:IdentityIssueTimestamp>2024-03-04T12:42:39.943+01:00</pz:IdentityIssueTimestamp>"
    "</pz:SignatureData>"
    "</pz:EPSignature>"
)

# The document reference's transforms: TpSigning5's XPath filter, or (for comparison) the
# enveloped-signature transform alone.
XPATH_FILTER = (
    '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116">'
    '<ds:XPath xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
    "not(ancestor-or-self::ds:Signature)</ds:XPath>"
    "</ds:Transform>"
)
ENVELOPED_ONLY = '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'

SIGNING_URL = "https://int.pz.gov.pl/sample/podpis?id=00000000-0000-4000-8000-000000000022"

ADD_RESPONSE = f"""<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Body>
    <ns1:addDocumentToSigningResponse xmlns:ns1="http://signing.ws.comarch.gov">
      <addDocumentToSigningReturn>{SIGNING_URL}</addDocumentToSigningReturn>
    </ns1:addDocumentToSigningResponse>
  </soapenv:Body>
</soapenv:Envelope>
"""

GET_RESPONSE = """<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Body>
    <ns1:getSignedDocumentResponse xmlns:ns1="http://signing.ws.comarch.gov">
      <getSignedDocumentReturn>{content}</getSignedDocumentReturn>
    </ns1:getSignedDocumentResponse>
  </soapenv:Body>
</soapenv:Envelope>
"""

FAULT = """<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Body>
    <soapenv:Fault>
      <faultcode>soapenv:Server</faultcode>
      <faultstring>Dokument nie został podpisany</faultstring>
      <detail>
        <ob:Wyjatek xmlns:ob="http://wsdl.epuap.gov.pl/obiekty/">
          <kod>7</kod>
          <komunikat>Dokument nie został podpisany</komunikat>
        </ob:Wyjatek>
      </detail>
    </soapenv:Fault>
  </soapenv:Body>
</soapenv:Envelope>
"""


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "eurzad (próbka testowa)"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PL"),
        ]
    )


def _certificate(
    subject: str, key: rsa.RSAPrivateKey, issuer: x509.Name, issuer_key: rsa.RSAPrivateKey, ca: bool
) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(1581261080 if not ca else 1)
        .not_valid_before(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2125, 1, 1, tzinfo=dt.UTC))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .sign(issuer_key, hashes.SHA256())
    )


def _signature_template(certificate: x509.Certificate, signer_data: str, transforms: str) -> str:
    der = certificate.public_bytes(serialization.Encoding.DER)
    cert_digest = base64.b64encode(hashlib.sha256(der).digest()).decode()
    return (
        '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"'
        ' Id="Signature-9c17b21b-dd61-48f3-ad53-1beab9aa59c4">'
        "<ds:SignedInfo>"
        '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
        '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
        '<ds:Reference URI="">'
        f"<ds:Transforms>{transforms}</ds:Transforms>"
        '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
        "<ds:DigestValue></ds:DigestValue>"
        "</ds:Reference>"
        '<ds:Reference Type="http://uri.etsi.org/01903#SignedProperties"'
        ' URI="#SignedProps-9c17b21b-dd61-48f3-ad53-1beab9aa59c4">'
        "<ds:Transforms>"
        '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
        "</ds:Transforms>"
        '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
        "<ds:DigestValue></ds:DigestValue>"
        "</ds:Reference>"
        "</ds:SignedInfo>"
        '<ds:SignatureValue Id="SignatureValue-9c17b21b-dd61-48f3-ad53-1beab9aa59c4">'
        "</ds:SignatureValue>"
        "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
        f"{base64.b64encode(der).decode()}"
        "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
        '<ds:Object Id="QualifyingInfos-9c17b21b-dd61-48f3-ad53-1beab9aa59c4">'
        '<xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"'
        ' Id="QualifyingProps-9c17b21b-dd61-48f3-ad53-1beab9aa59c4"'
        ' Target="#Signature-9c17b21b-dd61-48f3-ad53-1beab9aa59c4">'
        '<xades:SignedProperties Id="SignedProps-9c17b21b-dd61-48f3-ad53-1beab9aa59c4">'
        "<xades:SignedSignatureProperties>"
        "<xades:SigningTime>2025-03-10T10:15:30.123+01:00</xades:SigningTime>"
        "<xades:SigningCertificate><xades:Cert><xades:CertDigest>"
        '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
        f"<ds:DigestValue>{cert_digest}</ds:DigestValue>"
        "</xades:CertDigest><xades:IssuerSerial>"
        f"<ds:X509IssuerName>{certificate.issuer.rfc4514_string()}</ds:X509IssuerName>"
        f"<ds:X509SerialNumber>{certificate.serial_number}</ds:X509SerialNumber>"
        "</xades:IssuerSerial></xades:Cert></xades:SigningCertificate>"
        "<xades:SignaturePolicyIdentifier><xades:SignaturePolicyImplied/>"
        "</xades:SignaturePolicyIdentifier>"
        "<xades:SignerRole><xades:ClaimedRoles><xades:ClaimedRole>"
        f"{signer_data}"
        "</xades:ClaimedRole></xades:ClaimedRoles></xades:SignerRole>"
        "</xades:SignedSignatureProperties>"
        "</xades:SignedProperties>"
        "</xades:QualifyingProperties>"
        "</ds:Object>"
        "</ds:Signature>"
    )


def sample_signer() -> tuple[x509.Certificate, rsa.RSAPrivateKey, x509.Certificate]:
    """A fresh sample authority's certificate, and a signer's key and certificate it issued."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = "Próbka – CA podpisu zaufanego (eurzad, testy)"
    ca = _certificate(ca_name, ca_key, _name(ca_name), ca_key, ca=True)
    signer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = _certificate(
        "Próbka – podpis zaufany (eurzad, testy)", signer_key, ca.subject, ca_key, ca=False
    )
    return ca, signer_key, signer


def signed_document(
    signer_data: str,
    key: rsa.RSAPrivateKey,
    certificate: x509.Certificate,
    *,
    document: str = DOCUMENT,
    transforms: str = XPATH_FILTER,
) -> bytes:
    """``document`` (its root closing with ``</wniosek>``) signed as TpSigning5 returns
    it, the signer's data being ``signer_data``."""
    text = document.replace(
        "</wniosek>", _signature_template(certificate, signer_data, transforms) + "\n</wniosek>"
    )
    root = etree.fromstring(text.encode())
    signature = root.find(f"{{{DS}}}Signature")
    properties = root.find(".//{http://uri.etsi.org/01903/v1.3.2#}SignedProperties")
    context = xmlsec.SignatureContext()
    context.key = xmlsec.Key.from_memory(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        xmlsec.constants.KeyDataFormatPem,
    )
    context.register_id(properties, "Id")
    context.sign(signature)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def write() -> None:
    ca, signer_key, signer = sample_signer()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    (DATA_DIR / "document.xml").write_text(DOCUMENT, "utf-8")
    (DATA_DIR / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (DATA_DIR / "addDocumentToSigningResponse.xml").write_text(ADD_RESPONSE, "utf-8")
    (DATA_DIR / "fault.xml").write_text(FAULT, "utf-8")
    for name, data in (("podpiszp", PODPIS_ZP), ("epsignature", EP_SIGNATURE)):
        content = base64.b64encode(signed_document(data, signer_key, signer)).decode()
        (DATA_DIR / f"getSignedDocumentResponse-{name}.xml").write_text(
            GET_RESPONSE.format(content=content), "utf-8"
        )


if __name__ == "__main__":  # pragma: no cover - one-off writer of the committed answers
    write()
    print(f"wrote {DATA_DIR}")
