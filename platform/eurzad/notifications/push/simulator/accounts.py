"""Credentials the stand-in issues, as the real consoles do: an FCM service-account key
(JSON with an RSA key) and an APNs authentication key (.p8, P-256). Their public halves
stay with the stand-in, which verifies the JWTs signed with them."""

from __future__ import annotations

import secrets
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from eurzad.notifications.push.simulator import state


def _pem(key: Any) -> tuple[str, str]:
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def issue_service_account(project_id: str, token_uri: str = "") -> dict[str, str]:
    """A service-account key document like the one Firebase's console downloads."""
    private, public = _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    key_id = secrets.token_hex(20)
    email = f"firebase-adminsdk@{project_id}.iam.gserviceaccount.com"
    state.remember_key("fcm", key_id, public, f"{project_id}|{email}")
    return {
        "type": "service_account",
        "project_id": project_id,
        "private_key_id": key_id,
        "private_key": private,
        "client_email": email,
        "client_id": str(secrets.randbelow(10**20)),
        "token_uri": token_uri,
    }


def issue_apns_key(team_id: str) -> tuple[str, str]:
    """An APNs authentication key: its 10-character key id and the .p8 text."""
    private, public = _pem(ec.generate_private_key(ec.SECP256R1()))
    key_id = secrets.token_hex(5).upper()
    state.remember_key("apns", key_id, public, team_id)
    return key_id, private
