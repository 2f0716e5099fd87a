"""PayU REST API 2.1: an OAuth (client_credentials) token, an order whose answer carries
the redirectUri, notifications signed in the ``OpenPayu-Signature`` header (a digest of
the body followed by the second key) which repeat and come once per order status, and
the order read back for reconciliation."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from eurzad.core.csp import origin
from eurzad.finance.gateways.contrib.payu.signing import (
    parse_signature_header,
    signature_header,
    signature_of,
    verify_signature,
)
from eurzad.finance.gateways.http import TIMEOUT_SECONDS, call_json
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

__all__ = ["PayU", "base_url", "parse_signature_header", "signature_of"]

HOSTS: dict[str, str] = {
    GatewayConfig.Environment.SANDBOX: "https://secure.snd.payu.com",
    GatewayConfig.Environment.PRODUCTION: "https://secure.payu.com",
}
# Where PayU's answer (redirectUri) sends the payer, besides the API's own host: the
# sandbox pays on its merchant panel's host.
PAYER_HOSTS: dict[str, tuple[str, ...]] = {
    GatewayConfig.Environment.SANDBOX: ("https://merch-prod.snd.payu.com",),
    GatewayConfig.Environment.PRODUCTION: (),
}
OUTCOMES = {"COMPLETED": Outcome.PAID, "CANCELED": Outcome.FAILED}
# Read back, an order still NEW has no payment started: the payer left PayU's page without
# paying (a later payment still notifies, and is booked then).
READ_OUTCOMES = {**OUTCOMES, "NEW": Outcome.NONE}


def base_url(config: GatewayConfig) -> str:
    if config.api_base_url:
        return config.api_base_url.rstrip("/")
    if config.environment == GatewayConfig.Environment.LOCAL:
        return settings.PAYU_SIMULATOR_URL.rstrip("/")
    return HOSTS.get(config.environment, HOSTS[GatewayConfig.Environment.SANDBOX])


def refusal_detail(answer: Mapping[str, Any]) -> str:
    """What PayU's error answer says: ``status.statusCode``, ``codeLiteral`` and
    ``statusDesc`` (an OAuth error: ``error`` and ``error_description``)."""
    status = answer.get("status")
    parts: tuple[Any, ...]
    if isinstance(status, dict):
        parts = (status.get("statusCode"), status.get("codeLiteral"), status.get("statusDesc"))
    else:
        parts = (answer.get("error"), answer.get("error_description"))
    return " ".join(str(part) for part in parts if part)


class PayU:
    code = "payu"

    def _token_key(self, config: GatewayConfig) -> str:
        return f"payu-token:{config.client_id}:{base_url(config)}"

    def _token(self, config: GatewayConfig) -> str:
        key = self._token_key(config)
        token = cache.get(key)
        if token:
            return token
        try:
            response = requests.post(
                base_url(config) + "/pl/standard/user/oauth/authorize",
                data={
                    "grant_type": "client_credentials",
                    "client_id": config.client_id,
                    "client_secret": config.client_secret,
                },
                timeout=TIMEOUT_SECONDS,
            )
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            raise GatewayError(_("Nie można uzyskać tokenu PayU") + f": {error}") from None
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if response.status_code >= 400 or not token:
            detail = refusal_detail(answer) if isinstance(answer, dict) else ""
            raise GatewayError(
                _("PayU odmówił tokenu") + f": {response.status_code} {detail}".rstrip(),
                status=response.status_code,
            )
        # Renew a minute early so a token never expires mid-request.
        cache.set(key, token, max(int(answer.get("expires_in", 0)) - 60, 1))
        return token

    def _call(self, config: GatewayConfig, method: str, path: str, **kwargs: Any) -> dict:
        """Call the API with the POS's token; a token PayU no longer takes (401: revoked,
        or the secret changed) is dropped and a new one tried, once."""
        try:
            return self._call_once(config, method, path, **kwargs)
        except GatewayError as error:
            if error.status != 401:
                raise
        cache.delete(self._token_key(config))
        return self._call_once(config, method, path, **kwargs)

    def _call_once(self, config: GatewayConfig, method: str, path: str, **kwargs: Any) -> dict:
        return call_json(
            method,
            base_url(config) + path,
            headers={"Authorization": f"Bearer {self._token(config)}"},
            allow_redirects=False,  # order creation answers 302 with the redirectUri
            unreachable=_("Nie można połączyć się z PayU"),
            refused=_("PayU odrzucił żądanie"),
            describe=refusal_detail,
            **kwargs,
        )

    def payer_origins(self, config: GatewayConfig) -> list[str]:
        return [origin(base_url(config)), *PAYER_HOSTS.get(config.environment, ())]

    def register(self, config: GatewayConfig, request: RegistrationRequest) -> Registration:
        body = {
            "notifyUrl": request.notify_url,
            "continueUrl": request.return_url,
            "customerIp": request.customer_ip or "127.0.0.1",
            "merchantPosId": config.merchant_id,
            "description": request.description[:4000],
            "currencyCode": request.currency,
            "totalAmount": str(request.amount),
            "extOrderId": request.session_id,
            "buyer": {"email": request.email, "language": request.language},
            "products": [
                {
                    "name": request.description[:255],
                    "unitPrice": str(request.amount),
                    "quantity": "1",
                }
            ],
        }
        answer = self._call(config, "POST", "/api/v2_1/orders", json=body)
        status = (answer.get("status") or {}).get("statusCode")
        if status != "SUCCESS" or not answer.get("redirectUri") or not answer.get("orderId"):
            raise GatewayError(_("PayU nie przyjął zamówienia") + f": {status}")
        order_id = str(answer["orderId"])
        return Registration(
            redirect_url=str(answer["redirectUri"]), token=order_id, transaction_id=order_id
        )

    def parse_notification(
        self, config: GatewayConfig, body: bytes, headers: Mapping[str, str]
    ) -> Notice:
        verify_signature(body, signature_header(headers), config.second_key)
        try:
            order = json.loads(body)["order"]
            notice = Notice(
                transaction_id=str(order["orderId"]),
                session_id=str(order["extOrderId"]),
                amount=int(order["totalAmount"]),
                outcome=OUTCOMES.get(str(order["status"]), Outcome.PENDING),
                gateway_status=str(order["status"]),
            )
        except (ValueError, KeyError, TypeError):
            raise InvalidNotification(
                "Nieczytelne powiadomienie (unreadable notification)"
            ) from None
        if str(order.get("merchantPosId", config.merchant_id)) != config.merchant_id:
            raise InvalidNotification(
                "Powiadomienie dla innego punktu płatności (notification for another POS)"
            )
        return notice

    def confirm(
        self,
        config: GatewayConfig,
        *,
        session_id: str,
        transaction_id: str,
        amount: int,
        currency: str,
    ) -> None:
        # With automatic collection (the default) COMPLETED is final: nothing to confirm.
        return None

    def state(
        self, config: GatewayConfig, *, session_id: str, transaction_id: str = ""
    ) -> TransactionState:
        if not transaction_id:
            return TransactionState(Outcome.NONE)
        try:
            answer = self._call(config, "GET", f"/api/v2_1/orders/{transaction_id}")
        except GatewayError as error:
            if error.status == 404:
                return TransactionState(Outcome.NONE)
            raise
        orders = answer.get("orders") or [{}]
        order = orders[0]
        outcome = READ_OUTCOMES.get(str(order.get("status")), Outcome.PENDING)
        amount = int(order.get("totalAmount") or 0)
        return TransactionState(outcome, transaction_id=transaction_id, amount=amount)


register_plugin(PayU())
