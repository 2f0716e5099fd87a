"""Online payment: the town's gateway configurations, the resident's payment intents and
every notification a gateway sent us (kept raw, processed exactly once)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eurzad.core.sealed import seal, unseal
from eurzad.finance.money import AMOUNT, ZERO, money


class Gateway(models.TextChoices):
    PRZELEWY24 = "przelewy24", "Przelewy24"
    PAYU = "payu", "PayU"


class GatewayConfig(models.Model):
    """One gateway's contract with the town (its own schema): environment, merchant
    identifiers, sealed keys and the fee the town pays per transaction."""

    class Environment(models.TextChoices):
        SANDBOX = "sandbox", _("sandbox (testy operatora)")
        PRODUCTION = "production", _("produkcja")
        LOCAL = "local", _("lokalny symulator eurzad (demo i testy)")

    gateway = models.CharField(_("bramka"), max_length=20, choices=Gateway.choices, unique=True)
    enabled = models.BooleanField(_("włączona"), default=False)
    order = models.PositiveSmallIntegerField(
        _("kolejność"), default=0, help_text=_("Mieszkańcy płacą pierwszą włączoną bramką.")
    )
    environment = models.CharField(
        _("środowisko"), max_length=12, choices=Environment.choices, default=Environment.SANDBOX
    )
    api_base_url = models.URLField(
        _("adres API"),
        blank=True,
        help_text=_("Puste: adres wynika ze środowiska (dla symulatora – z ustawień)."),
    )
    merchant_id = models.CharField(
        _("identyfikator sprzedawcy / POS"),
        max_length=40,
        help_text=_("Przelewy24: merchantId. PayU: id punktu płatności (pos_id)."),
    )
    pos_id = models.CharField(
        _("identyfikator sklepu (posId)"),
        max_length=40,
        blank=True,
        help_text=_("Przelewy24: puste = jak merchantId."),
    )
    client_id = models.CharField(
        _("OAuth client_id"), max_length=80, blank=True, help_text=_("Tylko PayU.")
    )
    crc_key_sealed = models.TextField(editable=False, blank=True)
    api_key_sealed = models.TextField(editable=False, blank=True)
    client_secret_sealed = models.TextField(editable=False, blank=True)
    second_key_sealed = models.TextField(editable=False, blank=True)
    fee_percent = models.DecimalField(
        _("prowizja (%)"),
        max_digits=5,
        decimal_places=3,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Koszt gminy, nie mieszkańca: procent od kwoty wpłaty."),
    )
    fee_fixed = models.DecimalField(
        _("opłata stała (zł)"),
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Koszt gminy za każdą transakcję."),
        **AMOUNT,
    )
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    class Meta:
        verbose_name = _("bramka płatności")
        verbose_name_plural = _("bramki płatności")
        ordering = ["order", "gateway"]

    def __str__(self) -> str:
        return f"{self.get_gateway_display()} ({self.get_environment_display()})"

    def clean(self) -> None:
        if self.environment == self.Environment.LOCAL and not settings.SIMULATORS_ENABLED:
            raise ValidationError(
                {"environment": _("Lokalny symulator jest wyłączony na tej instalacji.")}
            )

    # Secrets are written, never read back in forms: sealed with the platform key.
    def _get(self, field: str) -> str:
        value = getattr(self, field)
        return unseal(value) if value else ""

    def _set(self, field: str, plaintext: str) -> None:
        setattr(self, field, seal(plaintext) if plaintext else "")

    crc_key = property(
        lambda self: self._get("crc_key_sealed"),
        lambda self, v: self._set("crc_key_sealed", v),
    )
    api_key = property(
        lambda self: self._get("api_key_sealed"),
        lambda self, v: self._set("api_key_sealed", v),
    )
    client_secret = property(
        lambda self: self._get("client_secret_sealed"),
        lambda self, v: self._set("client_secret_sealed", v),
    )
    second_key = property(
        lambda self: self._get("second_key_sealed"),
        lambda self, v: self._set("second_key_sealed", v),
    )

    @property
    def shop_id(self) -> str:
        return self.pos_id or self.merchant_id

    @property
    def is_simulated(self) -> bool:
        return self.environment == self.Environment.LOCAL

    def fee_for(self, amount: Decimal) -> Decimal:
        """What the gateway charges the town for a payment of ``amount``."""
        return money(amount * self.fee_percent / Decimal(100) + self.fee_fixed)


class PaymentIntent(models.Model):
    """A resident's attempt to pay chosen installments online, from the cart to the
    gateway's confirmation. Only a verified notification or a reconciliation with the
    gateway marks it succeeded; the resident's return never does."""

    class Status(models.TextChoices):
        NEW = "new", _("utworzona")
        PENDING = "pending", _("oczekuje na potwierdzenie")
        SUCCEEDED = "succeeded", _("zapłacona")
        FAILED = "failed", _("nieudana")
        ABANDONED = "abandoned", _("przerwana")
        EXPIRED = "expired", _("wygasła")

    OPEN = (Status.NEW, Status.PENDING)

    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="payment_intents"
    )
    resident = models.ForeignKey(
        "identity.Resident",
        on_delete=models.SET_NULL,
        null=True,
        related_name="payment_intents",
        verbose_name=_("zlecił"),
    )
    gateway = models.CharField(_("bramka"), max_length=20, choices=Gateway.choices)
    amount = models.DecimalField(
        _("kwota"), validators=[MinValueValidator(Decimal("0.01"))], **AMOUNT
    )
    currency = models.CharField(max_length=3, default="PLN")
    status = models.CharField(
        _("stan"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    session_id = models.CharField(max_length=64, unique=True, editable=False)
    return_token = models.CharField(max_length=64, editable=False)
    gateway_token = models.CharField(max_length=100, blank=True, editable=False)
    gateway_transaction_id = models.CharField(
        _("identyfikator transakcji w bramce"), max_length=100, blank=True
    )
    redirect_url = models.URLField(max_length=500, blank=True, editable=False)
    fee = models.DecimalField(_("prowizja bramki"), null=True, blank=True, **AMOUNT)
    payment = models.OneToOneField(
        "finance.Payment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intent",
    )
    failure_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("płatność internetowa")
        verbose_name_plural = _("płatności internetowe")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "gateway_transaction_id"],
                condition=~Q(gateway_transaction_id=""),
                name="intent_unique_gateway_transaction",
            )
        ]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.get_gateway_display()} {self.amount} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class PaymentIntentItem(models.Model):
    """How much of one installment the intent pays."""

    intent = models.ForeignKey(PaymentIntent, on_delete=models.CASCADE, related_name="items")
    installment = models.ForeignKey(
        "finance.Installment", on_delete=models.PROTECT, related_name="intent_items"
    )
    amount = models.DecimalField(
        _("kwota"), validators=[MinValueValidator(Decimal("0.01"))], **AMOUNT
    )

    class Meta:
        verbose_name = _("pozycja płatności")
        verbose_name_plural = _("pozycje płatności")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["intent", "installment"], name="one_item_per_installment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.installment}: {self.amount}"


class GatewayNotification(models.Model):
    """A notification exactly as a gateway sent it, stored (and committed) before anything
    is done with it; the outbox the worker and the reconciliation drain."""

    gateway = models.CharField(max_length=20, choices=Gateway.choices)
    transaction_id = models.CharField(max_length=100)
    gateway_status = models.CharField(max_length=40, blank=True)
    outcome = models.CharField(max_length=10)
    session_id = models.CharField(max_length=64)
    intent = models.ForeignKey(
        PaymentIntent, on_delete=models.PROTECT, related_name="notifications"
    )
    body = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    result = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("powiadomienie bramki")
        verbose_name_plural = _("powiadomienia bramek")
        ordering = ["-received_at"]
        constraints = [
            # A repeated notification is stored once; PayU sends one per order status.
            models.UniqueConstraint(
                fields=["gateway", "transaction_id", "gateway_status"],
                name="notification_once",
            )
        ]
        indexes = [models.Index(fields=["processed_at", "received_at"])]

    def __str__(self) -> str:
        return f"{self.gateway} {self.transaction_id} {self.gateway_status}"
