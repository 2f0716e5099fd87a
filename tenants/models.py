"""Municipalities (tenants) and the host names they answer on. Public schema only."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from tenants.teryt import VOIVODESHIPS, validate_teryt


class Municipality(TenantMixin):
    """A gmina served by the platform, living in its own PostgreSQL schema."""

    class Kind(models.TextChoices):
        URBAN = "urban", _("gmina miejska")
        RURAL = "rural", _("gmina wiejska")
        URBAN_RURAL = "urban-rural", _("gmina miejsko-wiejska")

    class Status(models.TextChoices):
        PROVISIONING = "provisioning", _("w przygotowaniu")
        ACTIVE = "active", _("aktywna")
        SUSPENDED = "suspended", _("zawieszona")
        ARCHIVED = "archived", _("zarchiwizowana")

    name = models.CharField(_("nazwa"), max_length=120, help_text=_("Np. Zembrzyce."))
    official_name = models.CharField(
        _("nazwa urzędowa"), max_length=200, help_text=_("Np. Gmina Zembrzyce.")
    )
    teryt = models.CharField(
        _("kod TERYT"),
        max_length=7,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_teryt],
        help_text=_("7 cyfr z rejestru TERC; pusty tylko dla hosta platformy."),
    )
    kind = models.CharField(_("rodzaj gminy"), max_length=12, choices=Kind.choices, blank=True)
    voivodeship = models.CharField(
        _("województwo"),
        max_length=40,
        choices=[(name, name) for name in VOIVODESHIPS.values()],
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROVISIONING
    )
    features = models.JSONField(
        _("funkcje"), default=dict, blank=True, help_text=_("Przełączniki funkcji gminy.")
    )
    migrating = models.BooleanField(
        _("trwa aktualizacja"),
        default=False,
        help_text=_("Schemat gminy jest właśnie migrowany; strony odpowiadają 503."),
    )
    migration_state = models.CharField(
        _("stan migracji"),
        max_length=64,
        blank=True,
        help_text=_("Odcisk stanu migracji schematu zapisany przy ostatniej migracji."),
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)
    last_seen_at = models.DateTimeField(
        _("ostatnia aktywność"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Kiedy serwis gminy ostatnio odpowiedział na żądanie (zapisywane co kilka minut)."
        ),
    )

    auto_create_schema = True
    auto_drop_schema = False

    class Meta:
        verbose_name = _("gmina")
        verbose_name_plural = _("gminy")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.official_name or self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        creates_schema = self._state.adding and self.auto_create_schema
        super().save(*args, **kwargs)
        if creates_schema and not self.migration_state and not self.is_platform:
            # The schema was just built by the migrations: it is at the target state.
            # (migration_state reads Municipality from this module: imported when used.)
            from tenants.migration_state import target_state

            self.migration_state = target_state()
            type(self).objects.filter(pk=self.pk).update(migration_state=self.migration_state)

    @property
    def is_platform(self) -> bool:
        return self.schema_name == "public"

    @property
    def is_served(self) -> bool:
        return (self.status == self.Status.ACTIVE and not self.migrating) or self.is_platform


class Domain(DomainMixin):
    """A host name of a municipality: its platform subdomain and any custom domains."""

    class Meta:
        verbose_name = _("domena")
        verbose_name_plural = _("domeny")

    def __str__(self) -> str:
        return self.domain


class SpareSchema(models.Model):
    """A pre-migrated, pre-seeded schema waiting to become a town (``spare_<random>``).

    No municipality routes to it: it is not a town until onboarding renames it.
    """

    schema_name = models.CharField(_("schemat"), max_length=63, unique=True)
    migration_state = models.CharField(_("stan migracji"), max_length=64)
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    class Meta:
        verbose_name = _("zapasowy schemat")
        verbose_name_plural = _("zapasowe schematy")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.schema_name


class MigrationRun(models.Model):
    """One run of ``migrate_towns``: what it aimed at and how it ended."""

    class Status(models.TextChoices):
        RUNNING = "running", _("w toku")
        DONE = "done", _("zakończona")
        FAILED = "failed", _("z błędami")

    target_state = models.CharField(_("stan docelowy"), max_length=64)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.RUNNING
    )
    jobs = models.PositiveSmallIntegerField(_("procesy"), default=1)
    total = models.PositiveIntegerField(_("gminy do migracji"), default=0)
    skipped = models.PositiveIntegerField(_("gminy aktualne"), default=0)
    started_at = models.DateTimeField(_("start"), auto_now_add=True)
    finished_at = models.DateTimeField(_("koniec"), null=True, blank=True)

    class Meta:
        verbose_name = _("przebieg migracji gmin")
        verbose_name_plural = _("przebiegi migracji gmin")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"migrate_towns #{self.pk} ({self.status})"


class TownMigration(models.Model):
    """Progress of one town within a ``migrate_towns`` run (for ``--resume``)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("oczekuje")
        DONE = "done", _("zrobione")
        FAILED = "failed", _("błąd")

    run = models.ForeignKey(MigrationRun, on_delete=models.CASCADE, related_name="towns")
    schema_name = models.CharField(_("schemat"), max_length=63)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("błąd"), blank=True)
    seconds = models.FloatField(_("czas (s)"), null=True, blank=True)

    class Meta:
        verbose_name = _("migracja gminy")
        verbose_name_plural = _("migracje gmin")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "schema_name"], name="one_entry_per_town_and_run"
            )
        ]

    def __str__(self) -> str:
        return f"{self.schema_name}: {self.status}"
