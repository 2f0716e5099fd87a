"""The town's back-office systems as API clients, and what the portal hands back to them.

* :class:`ApiClient` – a system (the tax and fee system, the EZD) with a key, scopes and an
  IP allow-list. The key is shown once, when it is made; only its prefix (to find the
  client) and the SHA-256 of its secret are stored.
* :class:`FeedEntry` – a change the clients read back through the change feeds (an online
  payment booked, an access request filed or decided, an online application filed). Its
  feed position is given only after its transaction has committed, in commit order, so a
  cursor never passes a change that commits late (see :mod:`api.integration.feeds`).
* :class:`WebhookDelivery` – the outbox of signed webhooks: written in the transaction
  that made the change, posted after it commits, retried with backoff.

All of it lives in the town's schema: a key of one town finds nothing on another's host.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eurzad.core import keys
from eurzad.core.sealed import seal, unseal


class Scope(models.TextChoices):
    """What a client may do. Write scopes cover the upserts of their area; ``finance`` also
    reads the payments feed; ``access-requests`` reads the access-request feed;
    ``submissions`` reads the filed online applications, their files and their feed;
    ``parties`` also lets feeds show full PESEL numbers (masked otherwise)."""

    PARTIES = "parties", _("strony (i pełne numery PESEL w strumieniach zmian)")
    FINANCE = "finance", _("finanse: zobowiązania, raty, wpłaty; strumień wpłat")
    CASES = "cases", _("sprawy")
    REGISTERS = "registers", _("wpisy w rejestrach")
    BUDGET = "budget", _("budżet")
    PROPERTY = "property", _("mienie gminy")
    ACCESS_REQUESTS = "access-requests", _("strumień wniosków o dostęp")
    SUBMISSIONS = "submissions", _("wnioski złożone przez e-usługi, ich pliki i strumień")


class Event(models.TextChoices):
    """What a webhook tells and a feed lists."""

    PAYMENT_BOOKED = "payment.booked", _("wpłata internetowa zaksięgowana")
    ACCESS_REQUEST_FILED = "access_request.filed", _("wniosek o dostęp złożony")
    ACCESS_REQUEST_DECIDED = "access_request.decided", _("wniosek o dostęp rozpatrzony")
    SUBMISSION_FILED = "submission.filed", _("wniosek e-usługi złożony")


STREAM_OF_EVENT = {
    Event.PAYMENT_BOOKED: "payments",
    Event.ACCESS_REQUEST_FILED: "access-requests",
    Event.ACCESS_REQUEST_DECIDED: "access-requests",
    Event.SUBMISSION_FILED: "submissions",
}
SCOPE_OF_STREAM = {
    "payments": Scope.FINANCE,
    "access-requests": Scope.ACCESS_REQUESTS,
    "submissions": Scope.SUBMISSIONS,
}
KEY_PREFIX_BYTES = 6  # 12 hex characters, public
KEY_SECRET_BYTES = 32


def validate_networks(value: Any) -> None:
    """A list of IP addresses or networks (CIDR), e.g. ``["10.0.0.0/8", "192.0.2.7"]``."""
    if not isinstance(value, list):
        raise ValidationError(_("Podaj listę adresów IP lub sieci (CIDR)."))
    for item in value:
        try:
            ipaddress.ip_network(str(item).strip(), strict=False)
        except ValueError:
            raise ValidationError(
                _("„%(value)s” nie jest adresem IP ani siecią CIDR.") % {"value": str(item)[:60]}
            ) from None


def validate_scopes(value: Any) -> None:
    if not isinstance(value, list) or any(item not in Scope.values for item in value):
        raise ValidationError(
            _("Dozwolone zakresy: %(scopes)s.") % {"scopes": ", ".join(Scope.values)}
        )


def validate_events(value: Any) -> None:
    if not isinstance(value, list) or any(item not in Event.values for item in value):
        raise ValidationError(
            _("Dozwolone zdarzenia: %(events)s.") % {"events": ", ".join(Event.values)}
        )


class ApiClient(models.Model):
    """A back-office system of the town allowed to call the integration API."""

    name = models.CharField(_("nazwa"), max_length=120)
    key_prefix = models.CharField(
        _("prefiks klucza"),
        max_length=24,
        unique=True,
        editable=False,
        help_text=_("Jawna część klucza, po której urząd rozpoznaje klienta."),
    )
    key_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("zakresy"), default=list, validators=[validate_scopes])
    allowed_ips = models.JSONField(
        _("dozwolone adresy IP"),
        default=list,
        blank=True,
        validators=[validate_networks],
        help_text=_("Adresy lub sieci CIDR; pusta lista: z każdego adresu."),
    )
    source = models.CharField(
        _("źródło danych"),
        max_length=40,
        default="import",
        help_text=_(
            "Pod tym źródłem zapisywane są dane klienta (jak --source importu CSV); ten sam "
            "system importujący raz plikiem, raz przez API podaje to samo źródło."
        ),
    )
    webhook_url = models.URLField(_("adres webhooków"), blank=True, max_length=500)
    webhook_secret_sealed = models.TextField(editable=False, blank=True)
    webhook_events = models.JSONField(
        _("zdarzenia webhooków"), default=list, blank=True, validators=[validate_events]
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("ostatnio użyty"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("unieważniono"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("klient API")
        verbose_name_plural = _("klienci API")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix})"

    # keys --------------------------------------------------------------------------

    def new_key(self) -> str:
        """Give the client a new key and return it (``<prefix>.<secret>``): the caller
        shows it once; only the prefix and the secret's hash are kept. Not saved."""
        secret = keys.new_secret(KEY_SECRET_BYTES)
        self.key_prefix = keys.new_prefix(KEY_PREFIX_BYTES)
        self.key_hash = keys.digest(secret)
        return f"{self.key_prefix}.{secret}"

    def secret_matches(self, secret: str) -> bool:
        return keys.digest_matches(self.key_hash, secret)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    # what it may do ----------------------------------------------------------------

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def allows_ip(self, address: str | None) -> bool:
        if not self.allowed_ips:
            return True
        if not address:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(
            ip in ipaddress.ip_network(str(network).strip(), strict=False)
            for network in self.allowed_ips
        )

    # webhooks ----------------------------------------------------------------------

    @property
    def webhook_secret(self) -> str:
        return unseal(self.webhook_secret_sealed) if self.webhook_secret_sealed else ""

    @webhook_secret.setter
    def webhook_secret(self, plaintext: str) -> None:
        self.webhook_secret_sealed = seal(plaintext) if plaintext else ""

    def wants(self, event: str) -> bool:
        stream = STREAM_OF_EVENT[Event(event)]
        return (
            bool(self.webhook_url)
            and event in self.webhook_events
            and self.has_scope(SCOPE_OF_STREAM[stream])
            and not self.is_revoked
        )

    def clean(self) -> None:
        if self.allowed_ips:
            self.allowed_ips = [str(item).strip() for item in self.allowed_ips]


class FeedEntry(models.Model):
    """One change for the feeds, written in the transaction that made it."""

    stream = models.CharField(max_length=20)
    event = models.CharField(max_length=40, choices=Event.choices)
    object_id = models.BigIntegerField()
    # Given after the row's transaction has committed, in commit order (feeds.py).
    position = models.BigIntegerField(null=True, unique=True, editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("zmiana w strumieniu")
        verbose_name_plural = _("zmiany w strumieniach")
        constraints = [
            models.UniqueConstraint(fields=["event", "object_id"], name="feed_entry_once")
        ]
        indexes = [
            models.Index(fields=["stream", "position"], name="feed_stream_position"),
            models.Index(
                fields=["id"], condition=models.Q(position__isnull=True), name="feed_unpositioned"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.object_id}"


class WebhookDelivery(models.Model):
    """One webhook to one client, with its attempts."""

    class Status(models.TextChoices):
        PENDING = "pending", _("do wysłania")
        DELIVERED = "delivered", _("doręczony")
        FAILED = "failed", _("nie doręczono (koniec prób)")

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("zdarzenie"), max_length=40, choices=Event.choices)
    object_id = models.BigIntegerField()
    body = models.TextField(blank=True, help_text=_("Treść, ustalona przy pierwszej próbie."))
    status = models.CharField(
        _("stan"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("próby"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    log = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooki")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "event", "object_id"], name="webhook_delivery_once"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self) -> str:
        return f"{self.event} {self.object_id} → {self.client}"
