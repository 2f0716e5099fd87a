"""Credentials shown once and kept only as a digest: integration API keys, operator API
tokens and recovery codes, paired phones' device tokens.

The secrets are random (256 bits; 64 for single-use recovery codes), so a fast unsalted
SHA-256 is enough — a slow password hash protects guessable secrets, these are not — and
lets a request find its row by an indexed lookup of the digest or of a public prefix.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SECRET_BYTES = 32


def new_secret(nbytes: int = SECRET_BYTES) -> str:
    """A random URL-safe secret (``nbytes`` of entropy)."""
    return secrets.token_urlsafe(nbytes)


def new_prefix(nbytes: int) -> str:
    """A random public prefix that names a credential in logs and lists (hex)."""
    return secrets.token_hex(nbytes)


def digest(secret: str) -> str:
    """What is stored of a secret: its SHA-256, hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def digest_matches(stored: str, secret: str) -> bool:
    """Does ``secret`` have the ``stored`` digest (compared in constant time)?"""
    return hmac.compare_digest(stored, digest(secret))
