"""A Party's obligations to the town (taxes and fees), their components and installments,
and the payments booked against them. The town's back-office system owns this data and
pushes it (CSV import, later the integration API): every row carries its source and
external id, so re-imports update instead of duplicating."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from eurzad.finance.interest.models import Regime
from eurzad.finance.money import AMOUNT, ZERO
from eurzad.parties.identifiers import format_nrb, normalise_nrb, validate_nrb


class ObligationKind(models.Model):
    """A kind of tax or fee, configurable per town (podatek od nieruchomości, opłata za
    gospodarowanie odpadami…)."""

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("nazwa"), max_length=120)
    is_tax = models.BooleanField(_("podatek"), default=True)
    interest_regime = models.CharField(
        _("odsetki od zaległości"),
        max_length=8,
        choices=Regime.choices,
        default=Regime.TAX,
        help_text=_(
            "Należności podatkowe (podatki lokalne, opłata za odpady, opłaty lokalne): odsetki "
            "za zwłokę z Ordynacji podatkowej. Należności cywilnoprawne (użytkowanie wieczyste, "
            "dzierżawa, najem): odsetki ustawowe za opóźnienie."
        ),
    )
    active = models.BooleanField(_("aktywny"), default=True)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("rodzaj zobowiązania")
        verbose_name_plural = _("rodzaje zobowiązań")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ScheduleRule(models.Model):
    """When installments of a kind fall due, for natural or legal persons (the council's
    resolution for the waste fee; the tax act for property, agricultural, forest tax)."""

    class Frequency(models.TextChoices):
        DATES = "dates", _("w podanych terminach")
        MONTHLY = "monthly", _("co miesiąc")

    kind = models.ForeignKey(ObligationKind, on_delete=models.CASCADE, related_name="schedules")
    party_kind = models.CharField(
        _("dla"),
        max_length=10,
        choices=[("natural", _("osób fizycznych")), ("legal", _("osób prawnych"))],
    )
    frequency = models.CharField(
        _("częstotliwość"), max_length=8, choices=Frequency.choices, default=Frequency.DATES
    )
    due_dates = models.JSONField(
        _("terminy (MM-DD)"),
        default=list,
        blank=True,
        help_text=_('Np. ["03-15", "05-15", "09-15", "11-15"].'),
    )
    monthly_day = models.PositiveSmallIntegerField(_("dzień miesiąca"), default=15)
    january_day = models.PositiveSmallIntegerField(
        _("dzień w styczniu"), default=31, help_text=_("Podatek osób prawnych: do 31 stycznia.")
    )
    one_off_threshold = models.DecimalField(
        _("jednorazowo do kwoty"),
        null=True,
        blank=True,
        help_text=_("Kwota roczna, do której płaci się jednorazowo w pierwszym terminie."),
        **AMOUNT,
    )

    class Meta:
        verbose_name = _("harmonogram rat")
        verbose_name_plural = _("harmonogramy rat")
        constraints = [
            models.UniqueConstraint(fields=["kind", "party_kind"], name="one_schedule_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} – {self.get_party_kind_display()}"


class Obligation(models.Model):
    """One decision or declaration: e.g. the 2026 property tax of a Party."""

    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="obligations")
    kind = models.ForeignKey(ObligationKind, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("rok"))
    document_number = models.CharField(_("numer decyzji / dokumentu"), max_length=60, blank=True)
    document_date = models.DateField(_("data decyzji / dokumentu"), null=True, blank=True)
    bank_account = models.CharField(
        _("indywidualny rachunek do wpłat"),
        max_length=26,
        blank=True,
        validators=[validate_nrb],
    )
    description = models.CharField(_("opis"), max_length=300, blank=True)
    amount = models.DecimalField(
        _("kwota zobowiązania"), validators=[MinValueValidator(ZERO)], **AMOUNT
    )
    source = models.CharField(_("źródło"), max_length=40, default="import")
    external_id = models.CharField(_("identyfikator w systemie dziedzinowym"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zobowiązanie")
        verbose_name_plural = _("zobowiązania")
        ordering = ["-year", "kind__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="obligation_unique_external"
            )
        ]
        indexes = [models.Index(fields=["party", "-year"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}"

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        self.bank_account = normalise_nrb(self.bank_account) if self.bank_account else ""
        super().clean_fields(exclude=exclude)

    @property
    def bank_account_display(self) -> str:
        return format_nrb(self.bank_account) if self.bank_account else ""


class ObligationComponent(models.Model):
    """A component (składnik) of the obligation: e.g. 120 m² of a dwelling × 1,15 zł."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="components")
    name = models.CharField(_("składnik"), max_length=200)
    base = models.DecimalField(
        _("podstawa"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    unit = models.CharField(_("jednostka"), max_length=20, blank=True)
    rate = models.DecimalField(_("stawka"), max_digits=12, decimal_places=4, null=True, blank=True)
    amount = models.DecimalField(_("kwota"), **AMOUNT)

    class Meta:
        verbose_name = _("składnik zobowiązania")
        verbose_name_plural = _("składniki zobowiązania")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Installment(models.Model):
    """A rata: what falls due on a date. ``paid`` is kept by the allocation service."""

    class State(models.TextChoices):
        OPEN = "open", _("do zapłaty")
        PARTIAL = "partial", _("zapłacona częściowo")
        PAID = "paid", _("zapłacona")
        CANCELLED = "cancelled", _("anulowana")

    obligation = models.ForeignKey(
        Obligation, on_delete=models.CASCADE, related_name="installments"
    )
    number = models.PositiveSmallIntegerField(_("rata"))
    due_date = models.DateField(_("termin płatności"), db_index=True)
    amount = models.DecimalField(_("kwota raty"), validators=[MinValueValidator(ZERO)], **AMOUNT)
    paid = models.DecimalField(_("zapłacono"), default=ZERO, **AMOUNT)
    interest_paid = models.DecimalField(_("zapłacono odsetek"), default=ZERO, **AMOUNT)
    state = models.CharField(_("stan"), max_length=10, choices=State.choices, default=State.OPEN)

    class Meta:
        verbose_name = _("rata")
        verbose_name_plural = _("raty")
        ordering = ["due_date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["obligation", "number"], name="installment_number")
        ]

    def __str__(self) -> str:
        return f"{self.obligation} – rata {self.number}"

    @property
    def remaining(self) -> Decimal:
        if self.state == self.State.CANCELLED:
            return ZERO
        return max(self.amount - self.paid, ZERO)

    @property
    def is_overdue(self) -> bool:
        return self.remaining > ZERO and self.due_date < timezone.localdate()

    def refresh_state(self) -> None:
        if self.state == self.State.CANCELLED:
            return
        if self.paid >= self.amount:
            self.state = self.State.PAID
        elif self.paid > ZERO:
            self.state = self.State.PARTIAL
        else:
            self.state = self.State.OPEN


class Payment(models.Model):
    """Money booked to the town for a Party: online, by transfer or in cash. What is not
    allocated to installments is an overpayment (nadpłata)."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("płatność internetowa")
        TRANSFER = "transfer", _("przelew")
        CASH = "cash", _("gotówka w kasie")

    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="payments")
    obligation = models.ForeignKey(
        Obligation, null=True, blank=True, on_delete=models.SET_NULL, related_name="payments"
    )
    booked_on = models.DateField(_("data zaksięgowania"))
    amount = models.DecimalField(
        _("kwota"), validators=[MinValueValidator(Decimal("0.01"))], **AMOUNT
    )
    channel = models.CharField(_("sposób"), max_length=10, choices=Channel.choices)
    title = models.CharField(_("tytuł"), max_length=200, blank=True)
    source = models.CharField(_("źródło"), max_length=40)
    external_id = models.CharField(_("identyfikator zewnętrzny"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wpłata")
        verbose_name_plural = _("wpłaty")
        ordering = ["-booked_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="payment_unique_external"
            )
        ]
        indexes = [models.Index(fields=["party", "-booked_on"])]

    def __str__(self) -> str:
        return f"{self.amount} ({self.booked_on})"

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount + a.interest for a in self.allocations.all()), ZERO)

    @property
    def unallocated(self) -> Decimal:
        return self.amount - self.allocated


class PaymentAllocation(models.Model):
    """Which part of a payment settled which installment: ``amount`` of its principal
    and ``interest`` of the interest due on the day of payment."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="allocations")
    installment = models.ForeignKey(
        Installment, on_delete=models.PROTECT, related_name="allocations"
    )
    amount = models.DecimalField(_("na należność"), validators=[MinValueValidator(ZERO)], **AMOUNT)
    interest = models.DecimalField(
        _("na odsetki"), default=ZERO, validators=[MinValueValidator(ZERO)], **AMOUNT
    )

    class Meta:
        verbose_name = _("rozliczenie wpłaty")
        verbose_name_plural = _("rozliczenia wpłat")
        constraints = [
            models.UniqueConstraint(
                fields=["payment", "installment"], name="one_allocation_per_installment"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0, interest__gte=0) & (Q(amount__gt=0) | Q(interest__gt=0)),
                name="allocation_settles_something",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payment} → {self.installment}"


class AccountBalance(models.Model):
    """The balance (rozliczenie, saldo) of a Party's account for one kind of obligation and
    one year, as the town's tax system states it on ``as_of``: the office's figures, which
    the portal shows instead of its own (eurzad.finance.balances)."""

    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="account_balances"
    )
    kind = models.ForeignKey(ObligationKind, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("rok"))
    assessed = models.DecimalField(_("przypis"), validators=[MinValueValidator(ZERO)], **AMOUNT)
    corrections = models.DecimalField(
        _("przypis korekcyjny"),
        default=ZERO,
        help_text=_("Zmiany kwoty decyzjami zmieniającymi; może być ujemny."),
        **AMOUNT,
    )
    written_off = models.DecimalField(
        _("odpisy i umorzenia"), default=ZERO, validators=[MinValueValidator(ZERO)], **AMOUNT
    )
    paid = models.DecimalField(_("wpłaty"), validators=[MinValueValidator(ZERO)], **AMOUNT)
    arrears = models.DecimalField(_("zaległość"), validators=[MinValueValidator(ZERO)], **AMOUNT)
    interest = models.DecimalField(_("odsetki"), validators=[MinValueValidator(ZERO)], **AMOUNT)
    overpayment = models.DecimalField(
        _("nadpłata"), default=ZERO, validators=[MinValueValidator(ZERO)], **AMOUNT
    )
    to_pay = models.DecimalField(_("do zapłaty"), validators=[MinValueValidator(ZERO)], **AMOUNT)
    as_of = models.DateField(_("stan na dzień"))
    source = models.CharField(_("źródło"), max_length=40, default="import")
    external_id = models.CharField(_("identyfikator w systemie dziedzinowym"), max_length=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rozliczenie roku")
        verbose_name_plural = _("rozliczenia lat")
        ordering = ["-year", "kind__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="account_balance_unique_external"
            ),
            models.UniqueConstraint(
                fields=["party", "kind", "year"], name="one_account_balance_per_kind_and_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}"


@register_setting(icon="bell")
class FinanceSettings(BaseGenericSetting):
    """The town's installment reminders: whether they go out, how many days before the due
    date, and whether (and how many days after it) an overdue installment is recalled."""

    reminders_enabled = models.BooleanField(
        _("przypomnienia o ratach"),
        default=True,
        help_text=_("Powiadomienie w portalu i e-mail do strony i jej upoważnionych do płatności."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("przypomnienie – dni przed terminem"),
        default=7,
        validators=[MaxValueValidator(60)],
    )
    overdue_reminder_enabled = models.BooleanField(_("przypomnienie o zaległości"), default=True)
    overdue_days_after = models.PositiveSmallIntegerField(
        _("przypomnienie o zaległości – dni po terminie"),
        default=3,
        validators=[MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("przypomnienia o płatnościach")
