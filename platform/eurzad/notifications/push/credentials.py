"""The town's push credentials: its VAPID key pair, generated on first use."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from django.db import transaction
from py_vapid import Vapid02

from eurzad.core.jwt import b64url
from eurzad.core.postgresql.connection import connection
from eurzad.notifications.push.models import PushSettings
from tenants.models import Domain


def push_settings() -> PushSettings:
    """This town's push settings row (created empty the first time)."""
    config, _ = PushSettings.objects.get_or_create(singleton=True)
    return config


def vapid_settings() -> PushSettings:
    """The town's push settings with a VAPID key pair: a P-256 pair is generated (and its
    private key sealed) the first time a browser or a message asks for it, once even
    when two requests ask at the same moment."""
    config = push_settings()
    if config.vapid_public_key:
        return config
    with transaction.atomic():
        config = PushSettings.objects.select_for_update().get(pk=config.pk)
        if not config.vapid_public_key:
            vapid = Vapid02()
            vapid.generate_keys()
            config.vapid_private_key = vapid.private_pem().decode()
            config.vapid_public_key = b64url(
                vapid.public_key.public_bytes(
                    serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
                )
            )
            config.save(update_fields=["vapid_private_key_sealed", "vapid_public_key",
                                       "updated_at"])  # fmt: skip
    return config


def vapid_public_key() -> str:
    """The town's VAPID public key, URL-safe base64 (the browser's applicationServerKey)."""
    return vapid_settings().vapid_public_key


def vapid_subject(config: PushSettings) -> str:
    """Who the browsers' push services may contact: the admin's choice, else the town's
    own address."""
    if config.vapid_subject:
        return config.vapid_subject

    domain = (
        Domain.objects.filter(tenant__schema_name=connection.schema_name)
        .order_by("-is_primary", "pk")
        .values_list("domain", flat=True)
        .first()
    )
    return f"https://{domain or 'localhost'}"
