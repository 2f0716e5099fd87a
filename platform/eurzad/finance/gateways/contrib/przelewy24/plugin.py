"""Przelewy24 REST API v1: register a transaction, read its signed status notification,
verify it (mandatory: until verified the money is not the merchant's) and ask for a
transaction by session id. Basic auth is posId : API key ("klucz do raportów").

Reference: "Przelewy24 REST API Documentation" 1.0.16 (developers.przelewy24.pl); what we
send and accept, and why, is written down in docs/integrations/przelewy24.md."""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import IntEnum
from typing import Any
from urllib.parse import parse_qsl, quote

from django.conf import settings
from django.utils.translation import gettext as _

from eurzad.core.csp import origin
from eurzad.finance.gateways.contrib.przelewy24.signing import (
    notification_sign,
    register_sign,
    signs_match,
    verify_sign,
)
from eurzad.finance.gateways.http import call_json
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.finance.gateways.registry import (
    GatewayError,
    InvalidNotification,
    Notice,
    Outcome,
    Registration,
    RegistrationRequest,
    TransactionState,
    register_plugin,
)

__all__ = ["Przelewy24", "SessionStatus", "base_url", "session_state", "verified_already"]

HOSTS: dict[str, str] = {
    GatewayConfig.Environment.SANDBOX: "https://sandbox.przelewy24.pl",
    GatewayConfig.Environment.PRODUCTION: "https://secure.przelewy24.pl",
}
NOTIFICATION_FIELDS = (
    "merchantId", "posId", "sessionId", "amount", "originAmount", "currency", "orderId",
    "methodId", "statement", "sign",
)  # fmt: skip


class SessionStatus(IntEnum):
    """``data.status`` of transaction/by/sessionId, as the REST API documents it."""

    NO_PAYMENT = 0
    # "Advance payment": the payer paid, but until the merchant's transaction/verify
    # succeeds the money stays at the payer's disposal. Never booked on its own.
    ADVANCE_PAYMENT = 1
    PAYMENT_MADE = 2  # verified: the money is the merchant's
    PAYMENT_RETURNED = 3  # returned to the payer


# Status 1 is PAID for reconciliation because the next step is ours: reconciliation
# confirms (verifies) before it books, and books only when the verify succeeds.
OUTCOMES = {
    SessionStatus.NO_PAYMENT: Outcome.NONE,
    SessionStatus.ADVANCE_PAYMENT: Outcome.PAID,
    SessionStatus.PAYMENT_MADE: Outcome.PAID,
    SessionStatus.PAYMENT_RETURNED: Outcome.FAILED,
}


def base_url(config: GatewayConfig) -> str:
    if config.api_base_url:
        return config.api_base_url.rstrip("/")
    if config.environment == GatewayConfig.Environment.LOCAL:
        return settings.P24_SIMULATOR_URL.rstrip("/")
    return HOSTS.get(config.environment, HOSTS[GatewayConfig.Environment.SANDBOX])


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise InvalidNotification(f"Pole {name} nie jest liczbą ({name} is not a number)")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidNotification(f"Pole {name} nie jest liczbą ({name} is not a number)") from None


class Przelewy24:
    code = "przelewy24"

    def _call(self, config: GatewayConfig, method: str, path: str, **kwargs: Any) -> dict:
        return call_json(
            method,
            base_url(config) + path,
            auth=(config.shop_id, config.api_key),
            unreachable=_("Nie można połączyć się z Przelewy24"),
            refused=_("Przelewy24 odrzuciły żądanie"),
            **kwargs,
        )

    def payer_origins(self, config: GatewayConfig) -> list[str]:
        return [origin(base_url(config))]  # the payer's page: <base>/trnRequest/<token>

    def register(self, config: GatewayConfig, request: RegistrationRequest) -> Registration:
        merchant_id = int(config.merchant_id)
        body = {
            "merchantId": merchant_id,
            "posId": int(config.shop_id),
            "sessionId": request.session_id,
            "amount": request.amount,
            "currency": request.currency,
            "description": request.description[:1024],
            "email": request.email,
            "country": "PL",
            "language": request.language,
            "urlReturn": request.return_url,
            "urlStatus": request.notify_url,
            "sign": register_sign(
                session_id=request.session_id,
                merchant_id=merchant_id,
                amount=request.amount,
                currency=request.currency,
                crc=config.crc_key,
            ),
        }
        answer = self._call(config, "POST", "/api/v1/transaction/register", json=body)
        token = str((answer.get("data") or {}).get("token", ""))
        if not token:
            raise GatewayError(_("Przelewy24 nie zwróciły tokenu"))
        return Registration(redirect_url=f"{base_url(config)}/trnRequest/{token}", token=token)

    def parse_notification(
        self, config: GatewayConfig, body: bytes, headers: Mapping[str, str]
    ) -> Notice:
        data = _read_body(body)
        missing = [name for name in NOTIFICATION_FIELDS if name not in data]
        if missing:
            raise InvalidNotification(f"Brak pól (missing fields): {', '.join(missing)}")
        merchant_id = _int(data["merchantId"], "merchantId")
        pos_id = _int(data["posId"], "posId")
        if str(merchant_id) != config.merchant_id or str(pos_id) != config.shop_id:
            raise InvalidNotification(
                "Powiadomienie dla innego sprzedawcy (notification for another merchant)"
            )
        amount = _int(data["amount"], "amount")
        order_id = _int(data["orderId"], "orderId")
        expected = notification_sign(
            merchant_id=merchant_id,
            pos_id=pos_id,
            session_id=str(data["sessionId"]),
            amount=amount,
            origin_amount=_int(data["originAmount"], "originAmount"),
            currency=str(data["currency"]),
            order_id=order_id,
            method_id=_int(data["methodId"], "methodId"),
            statement=str(data["statement"]),
            crc=config.crc_key,
        )
        if not signs_match(expected, data["sign"]):
            raise InvalidNotification("Nieprawidłowy podpis (invalid sign)")
        return Notice(
            transaction_id=str(order_id),
            session_id=str(data["sessionId"]),
            amount=amount,
            outcome=Outcome.PAID,  # Przelewy24 notifies only of payments
            gateway_status="paid",
        )

    def confirm(
        self,
        config: GatewayConfig,
        *,
        session_id: str,
        transaction_id: str,
        amount: int,
        currency: str,
    ) -> None:
        order_id = int(transaction_id)
        body = {
            "merchantId": int(config.merchant_id),
            "posId": int(config.shop_id),
            "sessionId": session_id,
            "amount": amount,
            "currency": currency,
            "orderId": order_id,
            "sign": verify_sign(
                session_id=session_id,
                order_id=order_id,
                amount=amount,
                currency=currency,
                crc=config.crc_key,
            ),
        }
        try:
            answer = self._call(config, "PUT", "/api/v1/transaction/verify", json=body)
        except GatewayError as refused:
            # Verified already (a worker died after verifying)? Only status 2 says so.
            try:
                data: Mapping[str, Any] | None = self._by_session(config, session_id)
            except GatewayError:
                data = None
            if data is not None and verified_already(
                data, order_id=order_id, amount=amount, currency=currency
            ):
                return
            raise _not_verified(refused, data) from refused
        if (answer.get("data") or {}).get("status") != "success":
            raise GatewayError(_("Przelewy24 nie potwierdziły wpłaty"))

    def state(
        self, config: GatewayConfig, *, session_id: str, transaction_id: str = ""
    ) -> TransactionState:
        try:
            return session_state(self._by_session(config, session_id))
        except GatewayError as error:
            if error.status == 404:
                return TransactionState(Outcome.NONE)
            raise

    def _by_session(self, config: GatewayConfig, session_id: str) -> Mapping[str, Any]:
        """transaction/by/sessionId's ``data``; raises GatewayError."""
        answer = self._call(
            config, "GET", f"/api/v1/transaction/by/sessionId/{quote(session_id, safe='')}"
        )
        data = answer.get("data")
        return data if isinstance(data, dict) else {}


def session_state(data: Mapping[str, Any]) -> TransactionState:
    """What transaction/by/sessionId's ``data`` means for reconciliation. A status this
    code does not know is PENDING: it neither books nor frees the installments."""
    try:
        outcome = OUTCOMES[SessionStatus(_safe_int(data.get("status")))]
    except ValueError:
        outcome = Outcome.PENDING
    order_id = data.get("orderId")
    return TransactionState(
        outcome,
        transaction_id=str(order_id) if order_id else "",
        amount=_safe_int(data.get("amount")),
    )


def verified_already(data: Mapping[str, Any], *, order_id: int, amount: int, currency: str) -> bool:
    """Whether transaction/by/sessionId's ``data`` shows this very transaction verified:
    status 2 ("payment made") with our orderId, amount and currency. Status 1 ("advance
    payment") is not: the money stays the payer's until a verify succeeds."""
    return (
        _safe_int(data.get("status")) == SessionStatus.PAYMENT_MADE
        and _safe_int(data.get("orderId")) == order_id
        and _safe_int(data.get("amount")) == amount
        and str(data.get("currency", "PLN")) == currency
    )


def _not_verified(refused: GatewayError, data: Mapping[str, Any] | None) -> GatewayError:
    """The error left when a verify was refused and the transaction is not verified: it
    keeps the notification unprocessed, so the verify is tried again later."""
    status = _safe_int((data or {}).get("status"))
    if status == SessionStatus.ADVANCE_PAYMENT:
        message = _(
            "Przelewy24 odrzuciły weryfikację; wpłata czeka na weryfikację i nie jest "
            "zaksięgowana, ponowimy ją."
        )
    elif status == SessionStatus.PAYMENT_RETURNED:
        message = _("Przelewy24: wpłata zwrócona płacącemu, nie jest zaksięgowana.")
    else:
        return refused
    return GatewayError(message, status=refused.status)


def _safe_int(value: Any) -> int:
    if isinstance(value, bool):
        return -1
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _read_body(body: bytes) -> dict:
    """Przelewy24 posts JSON; the older form encoding is accepted too."""
    text = body.decode("utf-8", errors="replace").strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            raise InvalidNotification("Nieczytelny JSON (unreadable JSON)") from None
        if not isinstance(data, dict):
            raise InvalidNotification("Nieczytelny JSON (unreadable JSON)")
        return data
    return dict(parse_qsl(text, keep_blank_values=True))


register_plugin(Przelewy24())
