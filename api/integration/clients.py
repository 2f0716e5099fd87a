"""Managing the town's API clients: made, rotated and revoked here (the admin and the
``api_client`` command both call these). The key is returned once and never stored."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from api.models import ApiClient


def create_client(
    name: str,
    scopes: Sequence[str],
    *,
    allowed_ips: Sequence[str] = (),
    source: str = "import",
    webhook_url: str = "",
    webhook_secret: str = "",
    webhook_events: Sequence[str] = (),
) -> tuple[ApiClient, str]:
    """A new client of the current town; returns it and its key (show it once).
    Raises ValidationError for bad scopes, addresses or events."""
    client = ApiClient(
        name=name,
        scopes=sorted(set(scopes)),
        allowed_ips=list(allowed_ips),
        source=source,
        webhook_url=webhook_url,
        webhook_events=list(webhook_events),
    )
    client.webhook_secret = webhook_secret
    key = client.new_key()
    client.full_clean()
    client.save()
    return client, key


@transaction.atomic
def rotate_key(client: ApiClient) -> str:
    """A new key for ``client``; the old one stops working at once. Returns the new key."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    key = client.new_key()
    client.save(update_fields=["key_prefix", "key_hash"])
    return key


def revoke_client(client: ApiClient) -> None:
    """The client's key stops working at once (the record stays, for the log)."""
    client.revoke()
