"""Key material for the WK profile: P-256 key pairs and self-signed X.509 certificates."""

from __future__ import annotations

import datetime as dt
import secrets

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import (
    CertificatePublicKeyTypes,
    PrivateKeyTypes,
    PublicKeyTypes,
)
from cryptography.x509.oid import NameOID

__all__ = [
    "certificate_to_pem",
    "generate_key_and_certificate",
    "generate_private_key",
    "generate_self_signed_certificate",
    "load_certificate",
    "load_private_key",
    "private_key_to_pem",
    "public_key_of",
    "public_key_to_pem",
]


def _as_bytes(pem: bytes | str) -> bytes:
    return pem.encode("ascii") if isinstance(pem, str) else pem


def generate_private_key() -> ec.EllipticCurvePrivateKey:
    """A fresh P-256 (secp256r1) private key."""
    return ec.generate_private_key(ec.SECP256R1())


def generate_self_signed_certificate(
    private_key: ec.EllipticCurvePrivateKey,
    common_name: str,
    *,
    days: int = 730,
    organization: str | None = None,
) -> x509.Certificate:
    """A self-signed certificate (ECDSA-SHA256) for ``private_key`` valid for ``days``."""
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    name = x509.Name(attributes)
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(int.from_bytes(secrets.token_bytes(16), "big") >> 1 or 1)
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=True,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(private_key, hashes.SHA256())
    )


def generate_key_and_certificate(
    common_name: str, *, days: int = 730, organization: str | None = None
) -> tuple[bytes, bytes]:
    """A new P-256 key and its self-signed certificate, both as PEM bytes."""
    key = generate_private_key()
    cert = generate_self_signed_certificate(key, common_name, days=days, organization=organization)
    return private_key_to_pem(key), certificate_to_pem(cert)


def private_key_to_pem(private_key: PrivateKeyTypes, password: bytes | None = None) -> bytes:
    """PKCS#8 PEM, encrypted with ``password`` when given."""
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def public_key_to_pem(public_key: PublicKeyTypes) -> bytes:
    """SubjectPublicKeyInfo PEM."""
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def certificate_to_pem(certificate: x509.Certificate) -> bytes:
    """The certificate as PEM bytes."""
    return certificate.public_bytes(serialization.Encoding.PEM)


def load_private_key(pem: bytes | str, password: bytes | None = None) -> PrivateKeyTypes:
    """Load a PEM private key (PKCS#8 or traditional)."""
    return serialization.load_pem_private_key(_as_bytes(pem), password=password)


def load_certificate(pem: bytes | str) -> x509.Certificate:
    """Load a PEM X.509 certificate."""
    return x509.load_pem_x509_certificate(_as_bytes(pem))


def public_key_of(
    key_or_cert: x509.Certificate | CertificatePublicKeyTypes | bytes | str,
) -> CertificatePublicKeyTypes:
    """The public key of a certificate (object or PEM), or the key itself."""
    if isinstance(key_or_cert, bytes | str):
        key_or_cert = load_certificate(key_or_cert)
    if isinstance(key_or_cert, x509.Certificate):
        return key_or_cert.public_key()
    return key_or_cert
