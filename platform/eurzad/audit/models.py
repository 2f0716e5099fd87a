"""Who did what with personal data, and when — in the town's own schema.

Residents see their own entries (login history); staff views of a resident's personal
data are recorded here too. Entries are append-only: nothing updates or deletes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", _("logowanie")
        LOGIN_FAILED = "login_failed", _("nieudane logowanie")
        LOGIN_LOCKED_OUT = "login_locked_out", _("blokada logowania po nieudanych próbach")
        LOGOUT = "logout", _("wylogowanie")
        PIN_SET = "pin_set", _("ustawienie PIN-u")
        PIN_FAILED = "pin_failed", _("błędny PIN")
        DEVICE_PAIRED = "device_paired", _("sparowanie urządzenia")
        DEVICE_REVOKED = "device_revoked", _("odłączenie urządzenia")
        ACCESS_REQUEST_DECIDED = "access_request_decided", _("decyzja o wniosku o dostęp")
        PERSONAL_DATA_VIEWED = "personal_data_viewed", _("wgląd w dane osobowe")
        REGISTER_ENTRIES_PURGED = (
            "register_entries_purged",
            _("usunięcie wpisów rejestru po okresie przechowywania"),
        )

    at = models.DateTimeField(_("czas"), auto_now_add=True, db_index=True)
    action = models.CharField(_("zdarzenie"), max_length=32, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    party = models.ForeignKey(
        "parties.Party",
        verbose_name=_("czyje dane"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    ip_address = models.GenericIPAddressField(_("adres IP"), null=True, blank=True)
    method = models.CharField(_("sposób"), max_length=40, blank=True)
    details = models.JSONField(_("szczegóły"), default=dict, blank=True)

    class Meta:
        verbose_name = _("zdarzenie")
        verbose_name_plural = _("dziennik zdarzeń")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"]), models.Index(fields=["party", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)
