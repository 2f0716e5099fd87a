"""RSA key material for ePUAP / e-Doręczenia systems.

ePUAP registers a "system" by its X.509 certificate and expects WS-Security signatures
made with RSA (RSA-SHA256 here; the platform's WK keys are P-256, which ePUAP does not
take). Serialisation helpers are shared with :mod:`eurzad.core.xmlsecurity.keys`.
"""

from __future__ import annotations

import datetime as dt
import secrets

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from eurzad.core.xmlsecurity.keys import certificate_to_pem, private_key_to_pem

__all__ = ["generate_rsa_key", "issue_certificate", "new_system_credentials"]

RSA_BITS = 2048


def generate_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)


def _serial() -> int:
    return int.from_bytes(secrets.token_bytes(16), "big") >> 1 or 1


def _name(common_name: str, organization: str | None) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64])]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64]))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "PL"))
    return x509.Name(attributes)


def issue_certificate(
    subject_key: rsa.RSAPrivateKey,
    common_name: str,
    *,
    organization: str | None = None,
    issuer_key: rsa.RSAPrivateKey | None = None,
    issuer: x509.Certificate | None = None,
    ca: bool = False,
    days: int = 730,
) -> x509.Certificate:
    """A certificate for ``subject_key``: self-signed unless an issuer key and certificate
    are given (the simulator's Profil Zaufany CA issues its signing certificate so)."""
    subject = _name(common_name, organization)
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer is not None else subject)
        .public_key(subject_key.public_key())
        .serial_number(_serial())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return builder.sign(issuer_key or subject_key, hashes.SHA256())


def new_system_credentials(common_name: str, organization: str | None = None) -> tuple[str, str]:
    """A fresh RSA-2048 key and its self-signed certificate (PEM text): what a town
    registers in ePUAP as its system certificate."""
    key = generate_rsa_key()
    certificate = issue_certificate(key, common_name, organization=organization)
    return private_key_to_pem(key).decode(), certificate_to_pem(certificate).decode()
