"""Secrets stored in a town's schema (its SAML private keys) are sealed with a key derived
from the platform's SECRET_KEY, so a database dump alone does not reveal them."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


class SealedSecretError(ValueError):
    """The secret was sealed with another SECRET_KEY or was altered."""


def _fernet() -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"eurzad-sealed-secrets", info=b"v1"
    ).derive(settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def unseal(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SealedSecretError(
            "Nie można odczytać zapisanego klucza – czy zmieniono SECRET_KEY? "
            "(cannot unseal a stored key: was SECRET_KEY changed?)"
        ) from exc
