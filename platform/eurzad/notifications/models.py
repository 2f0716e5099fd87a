"""A notification to one account in the town: shown in the portal, e-mailed and pushed
when the person wants it. The row is also the outbox of both: ``emailed_at`` and
``pushed_at`` stay empty until the message has gone, so a crashed worker loses nothing.

The resident's choices: :class:`NotificationPreferences` (language) and
:class:`KindPreference` (per kind, e-mail and push); ``Resident.notify_by_email`` and
``notify_by_push`` stay the master switches above them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("odbiorca"),
        null=True,
        blank=True,
        help_text="Empty: the notification goes by e-mail only (a person without an account).",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    party = models.ForeignKey(
        "parties.Party",
        verbose_name=_("dotyczy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("powód"), max_length=40)
    subject = models.CharField(_("temat"), max_length=200)
    body = models.TextField(_("treść"))
    link = models.CharField(_("odnośnik"), max_length=300, blank=True)
    key = models.CharField(
        max_length=120,
        blank=True,
        help_text="Idempotency key: the same key never notifies twice.",
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("przeczytano"), null=True, blank=True)
    email_to = models.EmailField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    push_body = models.CharField(
        max_length=300, blank=True, help_text="Empty: no push message wanted."
    )
    pushed_at = models.DateTimeField(null=True, blank=True)
    push_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("powiadomienie")
        verbose_name_plural = _("powiadomienia")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~Q(key=""), name="notify_once_per_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["email_to"],
                condition=Q(emailed_at__isnull=True) & ~Q(email_to=""),
                name="notification_email_outbox",
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(pushed_at__isnull=True) & ~Q(push_body=""),
                name="notification_push_outbox",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreferences(models.Model):
    """How one resident wants to be told: the language of the messages."""

    class Language(models.TextChoices):
        POLISH = "pl", _("polski")
        ENGLISH = "en", _("angielski (English)")

    resident = models.OneToOneField(
        "identity.Resident", on_delete=models.CASCADE, related_name="notification_preferences"
    )
    language = models.CharField(
        _("język powiadomień"), max_length=5, choices=Language.choices, default=Language.POLISH
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("preferencje powiadomień")
        verbose_name_plural = _("preferencje powiadomień")

    def __str__(self) -> str:
        return str(self.resident)


class KindPreference(models.Model):
    """The resident's choice of channels for one kind of notification (the in-portal inbox
    is always on). No row: the kind's defaults."""

    preferences = models.ForeignKey(
        NotificationPreferences, on_delete=models.CASCADE, related_name="kinds"
    )
    kind = models.CharField(_("rodzaj"), max_length=40)
    email = models.BooleanField(_("e-mail"), default=True)
    push = models.BooleanField(_("push"), default=True)

    class Meta:
        verbose_name = _("wybór kanałów powiadomień")
        verbose_name_plural = _("wybory kanałów powiadomień")
        constraints = [
            models.UniqueConstraint(fields=["preferences", "kind"], name="one_choice_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.preferences} – {self.kind}"
