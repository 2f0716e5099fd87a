"""One interface for every payment gateway; each provider is a plugin in
``contrib/<provider>/`` registered here under its gateway code."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from eurzad.core.registry import Registry

if TYPE_CHECKING:
    from eurzad.finance.gateways.models import GatewayConfig

__all__ = [
    "GatewayError",
    "GatewayPlugin",
    "InvalidNotification",
    "Notice",
    "Outcome",
    "Registration",
    "RegistrationRequest",
    "TransactionState",
    "plugin_for",
    "register_plugin",
]


class GatewayError(RuntimeError):
    """The gateway could not be reached or refused the request (message is bilingual)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # the gateway's HTTP status, when it answered


class InvalidNotification(ValueError):
    """A notification that is not authentic or not well formed (message is bilingual)."""


class Outcome(StrEnum):
    PAID = "paid"
    FAILED = "failed"
    PENDING = "pending"
    NONE = "none"  # the gateway knows of no payment (yet)


@dataclass(frozen=True)
class RegistrationRequest:
    """What we ask the gateway to collect: ``amount`` in grosze."""

    session_id: str
    amount: int
    currency: str
    description: str
    email: str
    return_url: str
    notify_url: str
    customer_ip: str
    language: str = "pl"


@dataclass(frozen=True)
class Registration:
    """The gateway's answer: where to send the resident, and its own reference."""

    redirect_url: str
    token: str
    transaction_id: str = ""  # PayU knows its orderId now; Przelewy24 only once paid


@dataclass(frozen=True)
class Notice:
    """A verified notification."""

    transaction_id: str
    session_id: str
    amount: int
    outcome: Outcome
    gateway_status: str


@dataclass(frozen=True)
class TransactionState:
    """What the gateway says about a session when asked (reconciliation)."""

    outcome: Outcome
    transaction_id: str = ""
    amount: int = 0


class GatewayPlugin(Protocol):
    code: str

    def register(self, config: GatewayConfig, request: RegistrationRequest) -> Registration:
        """Register the transaction; raises GatewayError."""

    def payer_origins(self, config: GatewayConfig) -> list[str]:
        """Where (``scheme://host``) the payer's browser is sent to pay: the page that
        starts a payment allows these in its Content-Security-Policy's form-action."""

    def parse_notification(
        self, config: GatewayConfig, body: bytes, headers: Mapping[str, str]
    ) -> Notice:
        """Verify and read a notification; raises InvalidNotification."""

    def confirm(
        self,
        config: GatewayConfig,
        *,
        session_id: str,
        transaction_id: str,
        amount: int,
        currency: str,
    ) -> None:
        """Whatever the gateway needs before the money is ours (Przelewy24's verify);
        raises GatewayError when the gateway does not confirm."""

    def state(
        self, config: GatewayConfig, *, session_id: str, transaction_id: str
    ) -> TransactionState:
        """Ask the gateway about a transaction; raises GatewayError."""


_plugins: Registry[GatewayPlugin] = Registry("payment gateway")


def register_plugin(plugin: GatewayPlugin) -> GatewayPlugin:
    """Register ``plugin`` under its gateway code (a code is registered once)."""
    return _plugins.register(plugin.code, plugin)


def plugin_for(code: str) -> GatewayPlugin | None:
    return _plugins.find(code)


def registered() -> Mapping[str, GatewayPlugin]:
    return dict(_plugins.items())


PluginFactory = Callable[[], GatewayPlugin]
