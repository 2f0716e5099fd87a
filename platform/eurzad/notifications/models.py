"""A notification to one account in the town: shown in the portal, and e-mailed when the
person wants e-mail. The row is also the e-mail outbox: ``emailed_at`` stays empty until
the message has gone, so a crashed worker loses nothing."""

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
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
