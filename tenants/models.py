"""Municipalities (tenants) and the host names they answer on. Public schema only."""

from __future__ import annotations

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
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    auto_create_schema = True
    auto_drop_schema = False

    class Meta:
        verbose_name = _("gmina")
        verbose_name_plural = _("gminy")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.official_name or self.name

    @property
    def is_platform(self) -> bool:
        return self.schema_name == "public"

    @property
    def is_served(self) -> bool:
        return self.status == self.Status.ACTIVE or self.is_platform


class Domain(DomainMixin):
    """A host name of a municipality: its platform subdomain and any custom domains."""

    class Meta:
        verbose_name = _("domena")
        verbose_name_plural = _("domeny")

    def __str__(self) -> str:
        return self.domain
