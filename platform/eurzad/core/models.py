"""What the platform itself keeps in the public schema."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingCacheInvalidation(models.Model):
    """A cache key written, deleted or bumped while Redis was unreachable: when Redis is
    back, the key is deleted (``delete``) or its counter moved on (``bump``), so that no
    value from before the outage survives a change made during it
    (:mod:`eurzad.core.redis_breaker`). The key is the full cache key, the town's prefix
    included."""

    class Action(models.TextChoices):
        DELETE = "delete", _("usunąć")
        BUMP = "bump", _("podbić")

    key = models.CharField(_("klucz"), max_length=250)
    action = models.CharField(_("działanie"), max_length=6, choices=Action.choices)
    created_at = models.DateTimeField(_("zapisano"), auto_now_add=True)

    class Meta:
        verbose_name = _("zaległe unieważnienie pamięci podręcznej")
        verbose_name_plural = _("zaległe unieważnienia pamięci podręcznej")
        constraints = [
            models.UniqueConstraint(fields=["key", "action"], name="pending_cache_key_action")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.key}"


class OutboxTask(models.Model):
    """A task to run, written in the same transaction as the change that needs it and
    relayed to Celery after the commit (:mod:`eurzad.core.outbox`): a task is never lost
    because Redis was down when it was queued, and never queued for a change that was
    rolled back. Kept in the public schema for every town; ``schema_name`` says whose."""

    schema_name = models.CharField(_("schemat gminy"), max_length=63)
    task = models.CharField(_("zadanie"), max_length=200)
    args = models.JSONField(_("argumenty"), default=list)
    kwargs = models.JSONField(_("argumenty nazwane"), default=dict)
    due_at = models.DateTimeField(_("do wykonania od"))
    created_at = models.DateTimeField(_("zapisano"), auto_now_add=True)
    sent_at = models.DateTimeField(_("przekazano do kolejki"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("próby przekazania"), default=0)
    last_error = models.CharField(_("ostatni błąd"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("zadanie w skrzynce nadawczej")
        verbose_name_plural = _("zadania w skrzynce nadawczej")
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_task_unsent_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task} ({self.schema_name})"
