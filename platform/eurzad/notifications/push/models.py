"""Push subscriptions (a browser's Web Push endpoint, a paired phone's FCM / APNs token),
the town's push credentials, and the outbox of push messages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from eurzad.core.sealed import seal, unseal


class Provider(models.TextChoices):
    WEBPUSH = "webpush", "Web Push"
    FCM = "fcm", "Firebase Cloud Messaging"
    APNS = "apns", "Apple Push Notification service"


class PushSubscriptionQuerySet(models.QuerySet):
    def live(self) -> PushSubscriptionQuerySet:
        """Subscriptions a message may go to: not disabled, the phone still paired and
        the resident not having switched push off."""
        return self.filter(
            disabled_at__isnull=True,
            resident__notify_by_push=True,
        ).exclude(device__revoked_at__isnull=False)


class PushSubscription(models.Model):
    """Where a resident's push messages go: a browser's Web Push endpoint (with its
    encryption keys) or a phone's FCM / APNs token, which belongs to the paired device and
    dies with its revocation."""

    resident = models.ForeignKey(
        "identity.Resident", on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    device = models.ForeignKey(
        "identity.MobileDevice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="push_subscriptions",
    )
    kind = models.CharField(_("rodzaj"), max_length=8, choices=Provider.choices)
    token = models.CharField(
        _("adres lub token"),
        max_length=1000,
        help_text="Web Push: the endpoint URL; FCM / APNs: the registration / device token.",
    )
    p256dh = models.CharField(max_length=200, blank=True)
    auth = models.CharField(max_length=100, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(_("dodano"), auto_now_add=True)
    last_success_at = models.DateTimeField(_("ostatnio doręczono"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("nieudane próby"), default=0)
    disabled_at = models.DateTimeField(_("wyłączono"), null=True, blank=True)
    disabled_reason = models.CharField(max_length=200, blank=True)

    objects = PushSubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subskrypcja push")
        verbose_name_plural = _("subskrypcje push")
        constraints = [
            models.UniqueConstraint(fields=["kind", "token"], name="push_subscription_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.resident}"


class PushDelivery(models.Model):
    """One push message to one subscription: the outbox row a Celery task delivers, so a
    crashed worker loses nothing and the same ``key`` never reaches a subscription twice."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("w kolejce")
        SENT = "sent", _("doręczono do dostawcy")
        FAILED = "failed", _("nieudane")
        GONE = "gone", _("subskrypcja wygasła")

    subscription = models.ForeignKey(
        PushSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    key = models.CharField(max_length=120, help_text="Idempotency key of the message.")
    title = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("wysyłka push")
        verbose_name_plural = _("wysyłki push")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "key"], name="push_once_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.subscription_id}"


class PushSettings(models.Model):
    """The town's push credentials (one row in its schema): the VAPID key pair of Web
    Push, generated on first use, and the FCM and APNs accounts its admins enter. Secrets
    are sealed with the platform key and never shown back."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    vapid_public_key = models.CharField(
        _("klucz publiczny VAPID"), max_length=100, blank=True, editable=False
    )
    vapid_private_key_sealed = models.TextField(blank=True, editable=False)
    vapid_subject = models.CharField(
        _("kontakt VAPID"),
        max_length=200,
        blank=True,
        help_text=_("mailto: lub https: – kontakt dla usług push przeglądarek, np. "
                    "mailto:informatyk@gmina.pl. Puste: adres strony gminy."),
    )  # fmt: skip
    fcm_enabled = models.BooleanField(_("FCM włączone"), default=False)
    fcm_project_id = models.CharField(_("identyfikator projektu Firebase"), max_length=100,
                                      blank=True)  # fmt: skip
    fcm_service_account_sealed = models.TextField(blank=True, editable=False)
    apns_enabled = models.BooleanField(_("APNs włączone"), default=False)
    apns_team_id = models.CharField(_("Team ID (Apple)"), max_length=20, blank=True)
    apns_key_id = models.CharField(_("Key ID klucza .p8"), max_length=20, blank=True)
    apns_key_sealed = models.TextField(blank=True, editable=False)
    apns_topic = models.CharField(_("temat (bundle id aplikacji)"), max_length=200, blank=True)
    apns_sandbox = models.BooleanField(
        _("APNs sandbox"), default=False, help_text=_("Dla wersji testowych aplikacji.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ustawienia powiadomień push")
        verbose_name_plural = _("ustawienia powiadomień push")

    def __str__(self) -> str:
        return str(_("Powiadomienia push"))

    def clean(self) -> None:
        errors = {}
        if self.fcm_enabled and not (self.fcm_project_id and self.fcm_service_account_sealed):
            errors["fcm_enabled"] = _("Podaj identyfikator projektu i klucz konta usługi.")
        if self.apns_enabled and not (
            self.apns_team_id and self.apns_key_id and self.apns_topic and self.apns_key_sealed
        ):
            errors["apns_enabled"] = _("Podaj Team ID, Key ID, temat i klucz .p8.")
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _open(value: str) -> str:
        return unseal(value) if value else ""

    @property
    def vapid_private_key(self) -> str:
        return self._open(self.vapid_private_key_sealed)

    @vapid_private_key.setter
    def vapid_private_key(self, pem: str) -> None:
        self.vapid_private_key_sealed = seal(pem) if pem else ""

    @property
    def fcm_service_account(self) -> str:
        return self._open(self.fcm_service_account_sealed)

    @fcm_service_account.setter
    def fcm_service_account(self, document: str) -> None:
        self.fcm_service_account_sealed = seal(document) if document else ""

    @property
    def apns_key(self) -> str:
        return self._open(self.apns_key_sealed)

    @apns_key.setter
    def apns_key(self, pem: str) -> None:
        self.apns_key_sealed = seal(pem) if pem else ""

    @property
    def apns_base_url(self) -> str:
        return settings.PUSH_APNS_SANDBOX_URL if self.apns_sandbox else settings.PUSH_APNS_URL
