"""The statutory interest rates, dated: one row per change, in force from ``valid_from``
until the next row of the same regime. Shared by every town (the public schema): the
rates are the State's, not a town's. Shipped with the official values
(``data/official_rates.csv``) and kept up to date by the operators (console and API)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Regime(models.TextChoices):
    """Which law an obligation's interest follows (each kind of obligation names one)."""

    TAX = "tax", _("odsetki za zwłokę (Ordynacja podatkowa)")
    CIVIL = "civil", _("odsetki ustawowe za opóźnienie (Kodeks cywilny)")
    NONE = "none", _("bez odsetek")


class InterestRate(models.Model):
    """An annual rate in force from a day: the Minister of Finance's announcement of the
    rate of interest on tax arrears (Ordynacja podatkowa art. 56 § 1), or the Minister of
    Justice's of the statutory interest for delay (Kodeks cywilny art. 481 § 2)."""

    regime = models.CharField(
        _("rodzaj odsetek"),
        max_length=8,
        choices=[(Regime.TAX.value, Regime.TAX.label), (Regime.CIVIL.value, Regime.CIVIL.label)],
    )
    valid_from = models.DateField(_("obowiązuje od"))
    rate = models.DecimalField(
        _("stawka roczna (%)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    announcement = models.CharField(
        _("źródło"),
        max_length=300,
        help_text=_("Obwieszczenie, w którym ogłoszono stawkę, np. „M.P. 2025 poz. 1234”."),
    )
    source_url = models.URLField(_("adres źródła"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(_("wprowadził"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("stawka odsetek")
        verbose_name_plural = _("stawki odsetek")
        ordering = ["regime", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "valid_from"], name="one_rate_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_regime_display()}: {self.rate} % od {self.valid_from:%d.%m.%Y}"


class InterestThreshold(models.Model):
    """The amount up to which interest on tax arrears is not charged (Ordynacja podatkowa
    art. 54 § 1 pkt 5: three times the postal operator's fee for a registered letter),
    in force from a day."""

    valid_from = models.DateField(_("obowiązuje od"), unique=True)
    amount = models.DecimalField(
        _("kwota (zł)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    announcement = models.CharField(_("źródło"), max_length=300)
    source_url = models.URLField(_("adres źródła"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(_("wprowadził"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("próg odsetek")
        verbose_name_plural = _("progi odsetek")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.amount} zł od {self.valid_from:%d.%m.%Y}"
