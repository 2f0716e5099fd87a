"""Alerts (ostrzeżenia): short notices with a severity, an area and a validity window."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index


class AlertQuerySet(models.QuerySet):
    def active(self, at: datetime | None = None) -> AlertQuerySet:
        moment = at or timezone.now()
        return self.filter(valid_from__lte=moment, valid_until__gt=moment)


class Alert(index.Indexed, models.Model):
    class Severity(models.TextChoices):
        INFO = "info", _("informacja")
        WARNING = "warning", _("ostrzeżenie")
        DANGER = "danger", _("zagrożenie")

    title = models.CharField(
        _("tytuł"), max_length=140, help_text=_("Krótko, np. „Ostrzeżenie przed burzami”.")
    )
    message = models.TextField(
        _("treść"), max_length=600, help_text=_("Co się dzieje i co mieszkaniec powinien zrobić.")
    )
    severity = models.CharField(
        _("stopień"),
        max_length=10,
        choices=Severity.choices,
        default=Severity.INFO,
        help_text=_("Zagrożenie wyświetla się najwyraźniej; używaj go tylko w sytuacjach pilnych."),
    )
    area = models.CharField(
        _("obszar"),
        max_length=140,
        default="cała gmina",
        help_text=_("Gdzie obowiązuje, np. „cała gmina”, „sołectwo Tarnawa Dolna”."),
    )
    valid_from = models.DateTimeField(
        _("obowiązuje od"), default=timezone.now, help_text=_("Od kiedy pokazywać ostrzeżenie.")
    )
    valid_until = models.DateTimeField(
        _("obowiązuje do"),
        help_text=_("Po tym czasie ostrzeżenie samo zniknie ze strony."),
    )
    link_url = models.URLField(
        _("więcej informacji"),
        blank=True,
        help_text=_("Opcjonalny odnośnik, np. do komunikatu IMGW lub aktualności."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AlertQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldRowPanel([FieldPanel("severity"), FieldPanel("area")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("link_url"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("message")]

    class Meta:
        verbose_name = _("ostrzeżenie")
        verbose_name_plural = _("ostrzeżenia")
        ordering = ["-valid_from"]
        indexes = [models.Index(fields=["valid_from", "valid_until"])]

    def __str__(self) -> str:
        return self.title

    @property
    def labelled_title(self) -> str:
        """The title with its severity in front ("Zagrożenie: Burze z gradem"), unless the
        title begins with it already ("Ostrzeżenie meteorologiczne IMGW…")."""
        severity = str(self.get_severity_display())
        if self.title.casefold().startswith(severity.casefold()):
            return self.title
        return f"{severity.capitalize()}: {self.title}"

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": _("Koniec musi być po początku.")})

    @property
    def is_active(self) -> bool:
        return self.valid_from <= timezone.now() < self.valid_until


class AlertBroadcast(models.Model):
    """The push fan-out of one alert: created once per alert (its idempotency key), with
    the cursor of the batches already queued."""

    alert = models.OneToOneField(Alert, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    cursor = models.BigIntegerField(default=0, help_text="Last subscription id queued.")
    queued = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "push_alertbroadcast"  # made by the push app before the fan-out moved here
        verbose_name = _("rozesłanie ostrzeżenia")
        verbose_name_plural = _("rozesłania ostrzeżeń")

    def __str__(self) -> str:
        return f"alert {self.alert_id}"

    @property
    def key(self) -> str:
        return f"alert-{self.alert_id}"
