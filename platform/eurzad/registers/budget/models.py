"""A town's budget: one :class:`BudgetYear` per year, its plan and execution as
:class:`BudgetLine` rows by the budget classification (dział / rozdział / paragraf)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from eurzad.registers.budget.classification import validate_classification


class BudgetYear(models.Model):
    class Status(models.TextChoices):
        PLAN = "plan", _("plan")
        EXECUTION = "execution", _("wykonanie")

    year = models.PositiveSmallIntegerField(
        _("rok"), unique=True, validators=[MinValueValidator(1999), MaxValueValidator(2100)]
    )
    resolution_number = models.CharField(_("numer uchwały budżetowej"), max_length=60, blank=True)
    resolution_date = models.DateField(_("data uchwały budżetowej"), null=True, blank=True)
    status = models.CharField(
        _("stan"),
        max_length=12,
        choices=Status.choices,
        default=Status.PLAN,
        help_text=_("Plan: uchwalony budżet; wykonanie: sprawozdanie z wykonania."),
    )
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("rok budżetowy")
        verbose_name_plural = _("lata budżetowe")

    def __str__(self) -> str:
        return str(self.year)


class BudgetLine(models.Model):
    class Side(models.TextChoices):
        INCOME = "income", _("dochody")
        EXPENDITURE = "expenditure", _("wydatki")

    budget_year = models.ForeignKey(
        BudgetYear, on_delete=models.CASCADE, related_name="lines", verbose_name=_("rok")
    )
    side = models.CharField(_("strona"), max_length=12, choices=Side.choices)
    dzial = models.CharField(_("dział"), max_length=3)
    rozdzial = models.CharField(_("rozdział"), max_length=5)
    paragraf = models.CharField(_("paragraf"), max_length=4)
    description = models.CharField(_("opis"), max_length=300, blank=True)
    planned = models.DecimalField(
        _("plan"), max_digits=15, decimal_places=2, default=Decimal("0.00")
    )
    executed = models.DecimalField(
        _("wykonanie"), max_digits=15, decimal_places=2, default=Decimal("0.00")
    )

    class Meta:
        ordering = ["budget_year", "side", "rozdzial", "paragraf"]
        verbose_name = _("pozycja budżetu")
        verbose_name_plural = _("pozycje budżetu")
        permissions = [("import_budgetline", _("Może importować budżet z pliku CSV"))]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_year", "side", "rozdzial", "paragraf"],
                name="budget_line_unique_classification",
            ),
            models.CheckConstraint(
                condition=Q(dzial__regex=r"^[0-9]{3}$")
                & Q(rozdzial__regex=r"^[0-9]{5}$")
                & Q(paragraf__regex=r"^[0-9]{4}$")
                & Q(rozdzial__startswith=F("dzial")),
                name="budget_line_classification_digits",
            ),
        ]
        indexes = [
            # The public page sums a year's lines by side and dział, then one dział's by
            # rozdział, then one rozdział's lines.
            models.Index(fields=["budget_year", "side", "dzial"], name="budget_line_dzial"),
            models.Index(fields=["budget_year", "rozdzial"], name="budget_line_rozdzial"),
        ]

    def __str__(self) -> str:
        return f"{self.dzial} {self.rozdzial} §{self.paragraf}"

    def clean(self) -> None:
        super().clean()
        validate_classification(self.side, self.dzial, self.rozdzial, self.paragraf)
