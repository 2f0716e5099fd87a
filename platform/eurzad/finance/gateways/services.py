"""Use cases of online payment: a town's default gateway, starting a payment, receiving a
gateway's notification, processing it exactly once, and reconciling with the gateway.

Order of locks, everywhere: the notification row, then the intent, then installments (in
primary-key order, by :func:`eurzad.finance.services.book_payment`); so concurrent
notifications, reconciliations and new payments never deadlock.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eurzad.core.csp import origin
from eurzad.finance.debts import Debt, debt_today, debts_on
from eurzad.finance.gateways.models import (
    Gateway,
    GatewayConfig,
    GatewayNotification,
    PaymentIntent,
    PaymentIntentItem,
)
from eurzad.finance.gateways.registry import (
    GatewayError,
    GatewayPlugin,
    InvalidNotification,
    Outcome,
    RegistrationRequest,
    TransactionState,
    plugin_for,
)
from eurzad.finance.gateways.signals import payment_closed, payment_completed
from eurzad.finance.models import Installment, Payment
from eurzad.finance.money import ZERO, format_pln, money, to_grosze
from eurzad.finance.services import Target, book_payment
from eurzad.identity.acting import may_pay_for
from eurzad.identity.models import Resident
from eurzad.identity.represented import tell_represented
from eurzad.notifications.services import send
from eurzad.parties.models import Party

__all__ = [
    "MIN_AMOUNT",
    "Item",
    "PaymentRefused",
    "cancel_payment",
    "check_on_return",
    "ensure_gateway_config",
    "ensure_simulated_gateway",
    "gateway_config",
    "process_notification",
    "receive_notification",
    "reconcile_intent",
    "reconcile_town",
    "resume_url",
    "start_payment",
]

logger = logging.getLogger(__name__)
MIN_AMOUNT = Decimal("1.00")
MAX_NOTIFICATION_ATTEMPTS = 20
RETURN_CHECK_SECONDS = 5
SIMULATOR_FEE_PERCENT = Decimal("1.200")  # the simulated contract: 1.2 % + 0.30 zł
SIMULATOR_FEE_FIXED = Decimal("0.30")


class PaymentRefused(Exception):
    """The payment cannot be started; the message is for the resident (bilingual)."""


@dataclass(frozen=True)
class Item:
    """Pay ``amount`` of an installment; None pays all that remains of it."""

    installment_id: int
    amount: Decimal | None = None


# ---------------------------------------------------------------- configuration


def ensure_gateway_config() -> GatewayConfig | None:
    """With simulators on, the town's Przelewy24 configuration pointing at the local
    simulator (see :func:`ensure_simulated_gateway`); every new town starts with it."""
    return ensure_simulated_gateway(Gateway.PRZELEWY24)


def ensure_simulated_gateway(gateway: str) -> GatewayConfig | None:
    """With simulators on, the town's ``gateway`` configuration pointing at the local
    simulator (created once, enabled, with a random merchant / POS id and keys); otherwise
    nothing: an operator configures the town's real contract. Runs in the town's schema."""
    if not settings.SIMULATORS_ENABLED:
        return None
    config = GatewayConfig.objects.filter(gateway=gateway).first()
    if config is not None:
        return config
    config = GatewayConfig(
        gateway=gateway,
        enabled=True,
        environment=GatewayConfig.Environment.LOCAL,
        merchant_id=str(100000 + secrets.randbelow(900000)),
        fee_percent=SIMULATOR_FEE_PERCENT,
        fee_fixed=SIMULATOR_FEE_FIXED,
    )
    if gateway == Gateway.PAYU:
        # PayU's OAuth client_id of a POS is its id; the second key signs notifications.
        config.client_id = config.merchant_id
        config.client_secret = secrets.token_hex(16)
        config.second_key = secrets.token_hex(16)
    else:
        config.crc_key = secrets.token_hex(8)
        config.api_key = secrets.token_hex(16)
    config.save()
    return config


def gateway_config(gateway: str | None = None) -> GatewayConfig | None:
    """The enabled configuration of ``gateway``, or the first enabled one."""
    configs = GatewayConfig.objects.filter(enabled=True)
    if gateway:
        configs = configs.filter(gateway=gateway)
    config = configs.order_by("order", "gateway").first()
    if config is not None and config.is_simulated and not settings.SIMULATORS_ENABLED:
        return None  # a simulator configuration never takes real money, nor pretends to
    return config


def payer_origins() -> list[str]:
    """Where (``scheme://host``) the town's gateway sends a payer; [] without one."""
    config = gateway_config()
    return _plugin(config.gateway).payer_origins(config) if config is not None else []


def _plugin(code: str) -> GatewayPlugin:
    plugin = plugin_for(code)
    if plugin is None:
        raise GatewayError(f"Nieznana bramka (unknown gateway): {code}")
    return plugin


# ---------------------------------------------------------------- starting a payment


def _open_items(installment_ids: Sequence[int]) -> QuerySet[PaymentIntentItem]:
    """The items of unfinished payments that pay these installments."""
    return PaymentIntentItem.objects.filter(
        installment_id__in=installment_ids, intent__status__in=PaymentIntent.OPEN
    )


def open_items_of(installment_ids: Sequence[int]) -> set[int]:
    """Which of these installments are in a payment not yet finished."""
    return set(_open_items(installment_ids).values_list("installment_id", flat=True))


def open_intents_of(installment_ids: Sequence[int]) -> dict[int, PaymentIntent]:
    """The unfinished payment each of these installments is in (those in one)."""
    return {
        item.installment_id: item.intent
        for item in _open_items(installment_ids).select_related("intent")
    }


def checked_amount(
    installment: Installment, wanted: Decimal | None, debt: Debt | None = None
) -> Decimal:
    """The amount to pay toward ``installment`` (its ``obligation.kind`` selected with
    it; ``debt``: what it owes today, if already worked out): by default all that remains
    with the interest due today; a part must be at least 1,00 zł and at most that.
    Raises PaymentRefused."""
    remaining = (debt or debt_today(installment)).total
    if remaining <= ZERO:
        raise PaymentRefused(_("Rata %(rata)s jest już zapłacona.") % {"rata": installment})
    amount = remaining if wanted is None else money(wanted)
    if amount > remaining:
        raise PaymentRefused(
            _("Kwota %(amount)s przekracza pozostałe %(remaining)s do zapłaty.")
            % {"amount": format_pln(amount), "remaining": format_pln(remaining)}
        )
    if amount < min(MIN_AMOUNT, remaining):
        raise PaymentRefused(_("Najmniejsza wpłata to 1,00 zł."))
    return amount


def start_payment(
    resident: Resident,
    acting_party: Party,
    items: Sequence[Item],
    *,
    site_url: str,
    customer_ip: str = "",
) -> PaymentIntent:
    """Start paying ``items`` of ``acting_party``'s installments: the resident must be
    allowed to pay for the Party; each installment must be the Party's, not in another
    unfinished payment, and the amount within what remains. Creates the intent, registers
    it with the town's gateway and returns it (pending, with its ``redirect_url``).

    Raises PaymentRefused with a message for the resident.
    """
    if resident.is_demo:
        raise PaymentRefused(
            _("Konto demonstracyjne nie może płacić – zaloguj się własnym kontem.")
        )
    if not may_pay_for(resident, acting_party):
        raise PaymentRefused(_("Nie masz upoważnienia do płatności za tę osobę lub firmę."))
    if not items:
        raise PaymentRefused(_("Koszyk jest pusty."))
    config = gateway_config()
    if config is None:
        raise PaymentRefused(_("Płatności internetowe nie są jeszcze dostępne w tym urzędzie."))
    intent = _create_intent(resident, acting_party, items, config)
    plugin = _plugin(config.gateway)
    path = reverse("payments:return", args=[intent.pk])
    request = RegistrationRequest(
        session_id=intent.session_id,
        amount=to_grosze(intent.amount),
        currency=intent.currency,
        description=_description(intent),
        email=resident.user.email or "brak@example.invalid",
        return_url=f"{site_url}{path}?t={intent.return_token}",
        notify_url=site_url + reverse("payment_notifications:notify", args=[config.gateway]),
        customer_ip=customer_ip,
        language=(translation.get_language() or "pl")[:2],
    )
    try:
        registration = plugin.register(config, request)
    except GatewayError as error:
        logger.warning("Registering payment %s failed: %s", intent.pk, error)
        PaymentIntent.objects.filter(pk=intent.pk, status=PaymentIntent.Status.NEW).update(
            status=PaymentIntent.Status.FAILED,
            failure_reason=str(error)[:300],
            updated_at=timezone.now(),
        )
        raise PaymentRefused(
            _("Nie udało się połączyć z bramką płatności; spróbuj za chwilę.")
        ) from None
    intent.gateway_token = registration.token
    intent.gateway_transaction_id = registration.transaction_id
    intent.redirect_url = registration.redirect_url
    intent.status = PaymentIntent.Status.PENDING
    intent.save(
        update_fields=[
            "gateway_token", "gateway_transaction_id", "redirect_url", "status", "updated_at"
        ]
    )  # fmt: skip
    return intent


@transaction.atomic
def _create_intent(
    resident: Resident, party: Party, items: Sequence[Item], config: GatewayConfig
) -> PaymentIntent:
    ids = sorted({item.installment_id for item in items})
    # Locked so that two payments started at once for one installment see each other.
    locked = {
        installment.pk: installment
        for installment in Installment.objects.select_for_update()
        .filter(pk__in=ids, obligation__party=party)
        .select_related("obligation__kind")
        .order_by("pk")
    }
    if len(locked) != len(ids):
        raise PaymentRefused(_("Tej raty nie można tu zapłacić."))
    if open_items_of(ids):
        raise PaymentRefused(
            _(
                "Rata jest już w trwającej płatności i nie może być opłacona drugi raz; poczekaj "
                "na jej wynik."
            )
        )
    debts = debts_on(locked.values())  # one statement for all, not one per installment
    amounts = {
        item.installment_id: checked_amount(
            locked[item.installment_id], item.amount, debts[item.installment_id]
        )
        for item in items
    }
    intent = PaymentIntent.objects.create(
        party=party,
        resident=resident,
        gateway=config.gateway,
        amount=sum(amounts.values(), ZERO),
        session_id=secrets.token_urlsafe(24),
        return_token=secrets.token_urlsafe(24),
    )
    PaymentIntentItem.objects.bulk_create(
        PaymentIntentItem(intent=intent, installment=locked[pk], amount=amount)
        for pk, amount in amounts.items()
    )
    return intent


def _description(intent: PaymentIntent) -> str:
    rates = ", ".join(
        f"{item.installment.obligation.kind} {item.installment.obligation.year} "
        f"rata {item.installment.number}"
        for item in intent.items.select_related("installment__obligation__kind")
    )
    return f"e-Urząd {intent.pk}: {rates}"[:250]


# ---------------------------------------------------------------- notifications


def receive_notification(
    gateway: str, body: bytes, headers: Mapping[str, str]
) -> GatewayNotification:
    """Verify a gateway's notification (signature, session, amount) and store it, once
    however often it is repeated; the row is committed before it is processed.

    Raises InvalidNotification: then nothing is stored or changed.
    """
    config = gateway_config(gateway)
    plugin = plugin_for(gateway)
    if config is None or plugin is None:
        raise InvalidNotification(
            "Ta bramka nie jest skonfigurowana w tym urzędzie (gateway not configured here)"
        )
    notice = plugin.parse_notification(config, body, headers)
    intent = PaymentIntent.objects.filter(gateway=gateway, session_id=notice.session_id).first()
    if intent is None:
        raise InvalidNotification("Nieznana sesja płatności (unknown payment session)")
    if notice.amount != to_grosze(intent.amount):
        raise InvalidNotification("Kwota nie zgadza się z płatnością (amount does not match)")
    if intent.gateway_transaction_id and intent.gateway_transaction_id != notice.transaction_id:
        raise InvalidNotification("Transakcja innej płatności (transaction of another payment)")
    try:
        with transaction.atomic():
            return GatewayNotification.objects.create(
                gateway=gateway,
                transaction_id=notice.transaction_id,
                gateway_status=notice.gateway_status,
                outcome=notice.outcome,
                session_id=notice.session_id,
                intent=intent,
                body=body.decode("utf-8", errors="replace"),
            )
    except IntegrityError:  # a repeated notification: stored once already
        return GatewayNotification.objects.get(
            gateway=gateway,
            transaction_id=notice.transaction_id,
            gateway_status=notice.gateway_status,
        )


def process_notification(notification_id: int) -> str:
    """Act on a stored notification exactly once: confirm with the gateway, book the
    payment against the intent's installments, tell the resident. Returns what was done.

    A gateway that cannot be reached leaves the row unprocessed for the next attempt
    (the task, and the reconciliation, retry it)."""
    try:
        with transaction.atomic():
            row = GatewayNotification.objects.select_for_update().get(pk=notification_id)
            if row.processed_at is not None:
                return row.result
            intent = PaymentIntent.objects.select_for_update().get(pk=row.intent_id)
            if row.outcome == Outcome.PAID:
                result = _complete(intent, row.transaction_id)
            elif row.outcome == Outcome.FAILED:
                result = _close(intent, PaymentIntent.Status.FAILED, row.gateway_status)
            else:
                result = f"status {row.gateway_status}: nothing to do"
            row.processed_at = timezone.now()
            row.result = result[:300]
            row.save(update_fields=["processed_at", "result"])
            return result
    except GatewayError as error:
        GatewayNotification.objects.filter(pk=notification_id).update(
            attempts=F("attempts") + 1, result=str(error)[:300]
        )
        logger.warning("Notification %s not processed yet: %s", notification_id, error)
        return "retry"


def _complete(intent: PaymentIntent, transaction_id: str) -> str:
    """Book the intent's payment (``intent`` locked by the caller)."""
    if intent.status == PaymentIntent.Status.SUCCEEDED:
        return "already booked"
    config = gateway_config(intent.gateway)
    if config is None:
        raise GatewayError(f"Bramka wyłączona (gateway disabled): {intent.gateway}")
    _plugin(intent.gateway).confirm(
        config,
        session_id=intent.session_id,
        transaction_id=transaction_id,
        amount=to_grosze(intent.amount),
        currency=intent.currency,
    )
    items = list(intent.items.all())
    payment, _created = book_payment(
        party=intent.party,
        amount=intent.amount,
        channel=Payment.Channel.ONLINE,
        source=intent.gateway,
        external_id=transaction_id,
        targets=[Target(item.installment_id, item.amount) for item in items],
        title=f"{intent.get_gateway_display()} {transaction_id}",
    )
    intent.gateway_transaction_id = transaction_id
    intent.status = PaymentIntent.Status.SUCCEEDED
    intent.payment = payment
    intent.fee = config.fee_for(intent.amount)
    intent.completed_at = timezone.now()
    intent.failure_reason = ""
    intent.save()
    payment_completed.send(sender=PaymentIntent, intent=intent, payment=payment)
    _tell_resident(intent)
    return f"booked payment {payment.pk}"


def _close(intent: PaymentIntent, status: str, reason: str = "") -> str:
    # An abandoned intent may still turn out paid, failed, or at last expire.
    if not (intent.is_open or intent.status == PaymentIntent.Status.ABANDONED):
        return f"left {intent.status}"
    intent.status = status
    intent.failure_reason = reason[:300]
    intent.completed_at = timezone.now()
    intent.save(update_fields=["status", "failure_reason", "completed_at", "updated_at"])
    payment_closed.send(sender=PaymentIntent, intent=intent, status=status)
    return status


def _tell_resident(intent: PaymentIntent) -> None:
    resident = intent.resident
    if resident is None:
        return
    send(
        "payment_confirmed",
        resident.user,
        {"intent": intent, "link": reverse("payments:intent", args=[intent.pk])},
        key=f"payment-intent-{intent.pk}",
        party=intent.party,
    )
    if intent.party_id != resident.party_id:  # paid by a representative
        tell_represented(
            intent.party,
            "paid_for",
            {"intent": intent, "link": reverse("finance:payments")},
            key=f"paid-for-{intent.pk}",
        )


# ---------------------------------------------------------------- an unfinished payment


def resume_url(intent: PaymentIntent) -> str:
    """Where the resident goes back to an unfinished payment: the gateway's own page for
    this transaction, while the gateway still takes it (pending, registered, younger than
    PAYMENT_EXPIRE_SECONDS, on a host the town's gateway sends payers to); else ""."""
    if intent.status != PaymentIntent.Status.PENDING or not intent.redirect_url:
        return ""
    if timezone.now() - intent.created_at > timedelta(seconds=settings.PAYMENT_EXPIRE_SECONDS):
        return ""
    config = gateway_config(intent.gateway)
    if config is None:
        return ""
    allowed = _plugin(config.gateway).payer_origins(config)
    return intent.redirect_url if origin(intent.redirect_url) in allowed else ""


def cancel_payment(intent_id: int) -> PaymentIntent:
    """The resident gives up an unfinished payment (left the gateway's page with the back
    button, say), so its installments may be paid again. The gateway is asked first: a
    payment it has already taken is never cancelled (its notification, or the
    reconciliation, books it); one it refused closes as failed; otherwise the intent
    closes as abandoned. The gateway's transaction is not withdrawn: should the resident
    still pay on the old page, its notification books that payment exactly once (by the
    gateway's transaction id), and what exceeds the installments becomes an overpayment.
    Returns the intent as it is now."""
    with transaction.atomic():
        intent = PaymentIntent.objects.select_for_update().get(pk=intent_id)
        if not intent.is_open:
            return intent
        state = _asked_on_behalf_of_resident(intent)
        if state is not None and state.outcome == Outcome.PAID:
            return intent
        if state is not None and state.outcome == Outcome.FAILED:
            _close(intent, PaymentIntent.Status.FAILED, "refused by the gateway")
        else:
            _close(intent, PaymentIntent.Status.ABANDONED, "cancelled by the resident")
        return intent


def _asked_on_behalf_of_resident(intent: PaymentIntent) -> TransactionState | None:
    """The gateway's word on a locked, open intent, noted as checked; None when it cannot
    be asked (never registered, gateway switched off or unreachable)."""
    config = gateway_config(intent.gateway)
    if intent.status != PaymentIntent.Status.PENDING or config is None:
        return None
    try:
        state = _plugin(intent.gateway).state(
            config,
            session_id=intent.session_id,
            transaction_id=intent.gateway_transaction_id or intent.gateway_token,
        )
    except GatewayError as error:
        logger.warning("Asking about payment %s failed: %s", intent.pk, error)
        return None
    intent.checked_at = timezone.now()
    intent.save(update_fields=["checked_at"])
    return state


# ---------------------------------------------------------------- reconciliation


def check_on_return(intent_id: int) -> PaymentIntent:
    """The resident is back from the gateway and the intent is still open: ask the
    gateway whether the resident paid. A payment is never booked here (that waits for
    the notification or the reconciliation); a refusal, or no payment at all, closes the
    intent so its installments may be paid again."""
    with transaction.atomic():
        intent = PaymentIntent.objects.select_for_update().get(pk=intent_id)
        recently = intent.checked_at and timezone.now() - intent.checked_at < timedelta(
            seconds=RETURN_CHECK_SECONDS
        )
        if not intent.is_open or recently:
            return intent
        state = _asked_on_behalf_of_resident(intent)
        if state is None:
            return intent
        if state.outcome == Outcome.FAILED:
            _close(intent, PaymentIntent.Status.FAILED, "refused by the gateway")
        elif state.outcome == Outcome.NONE:
            _close(intent, PaymentIntent.Status.ABANDONED, "returned without paying")
        return intent


def reconcile_intent(intent_id: int) -> str:
    """Ask the gateway about one intent and act on its answer: a payment is confirmed and
    booked, a refusal closes the intent, and no payment past PAYMENT_EXPIRE_SECONDS
    expires it."""
    with transaction.atomic():
        intent = PaymentIntent.objects.select_for_update().get(pk=intent_id)
        if intent.status == PaymentIntent.Status.SUCCEEDED:
            return "already booked"
        config = gateway_config(intent.gateway)
        if config is None:
            return "gateway disabled"
        expired = timezone.now() - intent.created_at > timedelta(
            seconds=settings.PAYMENT_EXPIRE_SECONDS
        )
        if intent.status == PaymentIntent.Status.NEW:
            # Never registered (the process died before): the gateway cannot know it.
            return (
                _close(intent, PaymentIntent.Status.EXPIRED, "never registered")
                if expired
                else "new"
            )
        state = _plugin(intent.gateway).state(
            config,
            session_id=intent.session_id,
            transaction_id=intent.gateway_transaction_id or intent.gateway_token,
        )
        intent.checked_at = timezone.now()
        intent.save(update_fields=["checked_at"])
        if state.outcome == Outcome.PAID and state.amount == to_grosze(intent.amount):
            return _complete(intent, state.transaction_id)
        if state.outcome == Outcome.FAILED:
            return _close(intent, PaymentIntent.Status.FAILED, "refused by the gateway")
        if expired:
            return _close(intent, PaymentIntent.Status.EXPIRED, "no payment in time")
        return f"still {intent.status}"


def reconcile_town() -> dict[str, int]:
    """This town's safety net: process every notification left unprocessed (a web or
    worker process died, or the gateway was unreachable), then ask the gateway about each
    intent still open past PAYMENT_STALE_SECONDS."""
    done = {"notifications": 0, "intents": 0, "errors": 0}
    for pk in (
        GatewayNotification.objects.filter(
            processed_at__isnull=True, attempts__lt=MAX_NOTIFICATION_ATTEMPTS
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    ):
        if process_notification(pk) != "retry":
            done["notifications"] += 1
    stale = timezone.now() - timedelta(seconds=settings.PAYMENT_STALE_SECONDS)
    for pk in (
        PaymentIntent.objects.filter(
            status__in=[*PaymentIntent.OPEN, PaymentIntent.Status.ABANDONED], created_at__lt=stale
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    ):
        try:
            reconcile_intent(pk)
            done["intents"] += 1
        except GatewayError as error:
            done["errors"] += 1
            logger.warning("Reconciling payment %s failed: %s", pk, error)
    return done
