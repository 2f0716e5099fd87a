"""Operators, their second factor, API tokens and the audit of what they did.

Public schema only (a SHARED app): no town's data lives here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Operator(models.Model):
    """A vendor operator: a public-schema user allowed into the console, with TOTP."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="operator"
    )
    totp_secret = models.CharField(_("sekret TOTP"), max_length=64, blank=True, editable=False)
    totp_confirmed_at = models.DateTimeField(_("2FA potwierdzone"), null=True, blank=True)
    # The last accepted 30-second step: a code of this step or earlier is never accepted again.
    last_totp_step = models.BigIntegerField(default=0, editable=False)
    failed_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("operator")
        verbose_name_plural = _("operatorzy")

    def __str__(self) -> str:
        return self.user.get_username()

    @property
    def is_enrolled(self) -> bool:
        return self.totp_confirmed_at is not None


class RecoveryCode(models.Model):
    """A one-time code instead of a TOTP code; only its SHA-256 is kept."""

    operator = models.ForeignKey(Operator, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kod odzyskiwania")
        verbose_name_plural = _("kody odzyskiwania")

    def __str__(self) -> str:
        return f"{self.operator} ({'użyty' if self.used_at else 'ważny'})"


class OperatorApiToken(models.Model):
    """A bearer token of the operator API; shown once, only its SHA-256 is kept."""

    operator = models.ForeignKey(Operator, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nazwa"), max_length=100)
    prefix = models.CharField(_("początek tokenu"), max_length=12, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("ostatnio użyty"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("unieważniony"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API operatora")
        verbose_name_plural = _("tokeny API operatora")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: object) -> int:
        raise TypeError("OperatorAction is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("OperatorAction is append-only")


class ActedBy(models.Model):
    """Who did or asked for something: the operator (also by name, which outlives the
    account), from which address, through which channel (console, api, command)."""

    operator_name = models.CharField(_("operator"), max_length=150)
    operator = models.ForeignKey(
        Operator, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ip_address = models.GenericIPAddressField(_("adres IP"), null=True, blank=True)
    channel = models.CharField(_("kanał"), max_length=10, default="console")

    class Meta:
        abstract = True


#: What each action code of the operators' log means, as the console shows it.
ACTION_LABELS = {
    "onboard": _("założenie gminy"),
    "set_domains": _("zmiana adresów gminy"),
    "suspend": _("zawieszenie gminy"),
    "reactivate": _("przywrócenie działania gminy"),
    "archive_requested": _("zlecenie archiwizacji"),
    "archive": _("archiwizacja"),
    "archive_failed": _("nieudana archiwizacja"),
    "restore_requested": _("zlecenie odtworzenia gminy"),
    "restore": _("odtworzenie gminy"),
    "restore_failed": _("nieudane odtworzenie gminy"),
    "delete": _("usunięcie gminy"),
    "invite_editor": _("zaproszenie redaktora"),
    "api_token_issued": _("wydanie klucza API"),
    "api_token_revoked": _("unieważnienie klucza API"),
    "login": _("logowanie"),
    "login_failed": _("nieudane logowanie"),
    "login_locked_out": _("blokada logowania"),
    "login_unlocked": _("odblokowanie logowania"),
    "enrol_2fa": _("włączenie logowania dwuskładnikowego"),
    "operator_created": _("dodanie operatora"),
    "operator_deactivated": _("wyłączenie operatora"),
    "operator_2fa_reset": _("reset logowania dwuskładnikowego operatora"),
    "interest_rate_added": _("dodanie stawki odsetek"),
    "interest_rate_changed": _("poprawienie stawki odsetek"),
    "interest_rate_deleted": _("usunięcie stawki odsetek"),
    "interest_threshold_added": _("dodanie kwoty progu odsetek"),
    "interest_threshold_changed": _("poprawienie kwoty progu odsetek"),
    "interest_threshold_deleted": _("usunięcie kwoty progu odsetek"),
}


class OperatorAction(ActedBy):
    """One thing an operator did; append-only. The town is kept by schema and name so
    that the entry outlives the town."""

    action = models.CharField(_("czynność"), max_length=40, db_index=True)
    town_schema = models.CharField(_("schemat gminy"), max_length=63, blank=True, db_index=True)
    town_name = models.CharField(_("gmina"), max_length=200, blank=True)
    details = models.JSONField(_("szczegóły"), default=dict, blank=True)
    created_at = models.DateTimeField(_("czas"), auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("czynność operatora")
        verbose_name_plural = _("dziennik czynności operatorów")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.operator_name} {self.action}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise TypeError("OperatorAction is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise TypeError("OperatorAction is append-only")

    @property
    def label(self) -> str:
        """What was done, in words (the code itself for one unknown to this version)."""
        return str(ACTION_LABELS.get(self.action, self.action))


class LifecycleJob(ActedBy):
    """An archive or a restore, run by a Celery worker: dumping a large town's schema and
    media takes longer than a web request may. The console and the API show its state."""

    class Kind(models.TextChoices):
        ARCHIVE = "archive", _("archiwizacja")
        RESTORE = "restore", _("odtworzenie z archiwum")

    class Status(models.TextChoices):
        QUEUED = "queued", _("w kolejce")
        RUNNING = "running", _("w toku")
        DONE = "done", _("zakończone")
        FAILED = "failed", _("nieudane")

    kind = models.CharField(_("rodzaj"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("stan"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    town_schema = models.CharField(_("schemat gminy"), max_length=63, db_index=True)
    town_name = models.CharField(_("gmina"), max_length=200, blank=True)
    export = models.CharField(
        _("plik archiwum"), max_length=255, blank=True, help_text=_("Nazwa w ARCHIVE_ROOT.")
    )
    error = models.TextField(_("błąd"), blank=True)
    created_at = models.DateTimeField(_("zlecono"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("rozpoczęto"), null=True, blank=True)
    finished_at = models.DateTimeField(_("zakończono"), null=True, blank=True)

    class Meta:
        verbose_name = _("zadanie archiwizacji lub odtworzenia")
        verbose_name_plural = _("zadania archiwizacji i odtworzenia")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.town_schema} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}
