"""What the office sends out through a delivery channel, and what comes back about it.

A letter from a case goes to the recipient's electronic delivery address (e-Doręczenia,
``AE:PL-…``) or, where the recipient has none, to their ePUAP inbox; each provider is a
sender registered here under its channel kind. The provider answers the send with its
message id and later issues evidence (e-Doręczenia: the UPN/UPD evidences; ePUAP: UPP/UPD),
which the office keeps on the letter and the resident sees in the case.

Like :mod:`eurzad.channels.documents`, these are plain frozen dataclasses so that the
cases app depends on nothing but this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from eurzad.channels.documents import Attachment
from eurzad.channels.registry import ChannelError
from eurzad.core.registry import Registry

if TYPE_CHECKING:
    from eurzad.channels.models import ChannelConfig

__all__ = [
    "DeliveryEvidence",
    "DeliveryState",
    "Dispatch",
    "DispatchRefused",
    "DispatchUncertain",
    "OutgoingLetter",
    "register_sender",
    "sender_for",
]


class DispatchRefused(ChannelError):
    """The provider refused the letter for good (e.g. a malformed message or an address it
    does not know): sending it again as it is cannot help."""


class DispatchUncertain(ChannelError):
    """The letter was handed over but the provider's answer was lost: it may have been
    sent. It must not be sent again automatically; a person checks with the provider."""


@dataclass(frozen=True)
class OutgoingLetter:
    """One letter of the office to one recipient."""

    reference: str  # ours, unique per letter and recipient (e.g. ``pismo-<pk>``)
    recipient_address: str  # ``AE:PL-…`` or an ePUAP inbox ``/<podmiot>/<skrytka>``
    recipient_name: str
    subject: str
    body: str  # the letter's short text (the message body / the form's content)
    attachments: tuple[Attachment, ...] = ()
    case_sign: str = ""
    recipient_is_person: bool = True  # False for a firm or an institution


@dataclass(frozen=True)
class Dispatch:
    """The provider accepted the letter for delivery."""

    message_id: str
    sent_at: dt.datetime


class DeliveryState(StrEnum):
    """Where a letter stands, as the evidence tells it."""

    SENT = "sent"  # accepted by the provider (e.g. a dispatch/submission evidence)
    DELIVERED = "delivered"  # the recipient received it (or it is deemed delivered)
    NOT_DELIVERED = "not_delivered"  # could not be delivered


@dataclass(frozen=True)
class DeliveryEvidence:
    """One evidence the provider issued about a sent letter, kept as issued."""

    kind: str  # the provider's own code, e.g. ``UPN`` / ``UPD`` / ``UPP``
    evidence_id: str
    issued_at: dt.datetime
    state: DeliveryState
    content: bytes = field(repr=False)  # the evidence document as issued (XML, or PDF)
    content_type: str = "application/xml"


@runtime_checkable
class ChannelSender(Protocol):
    """Sends letters through one provider and reads back the evidence."""

    def send(self, letter: OutgoingLetter) -> Dispatch:
        """Hand ``letter`` to the provider. Raise :class:`DispatchRefused` when it refuses
        the letter for good, :class:`DispatchUncertain` when it may have been sent but
        the answer was lost, and :class:`ChannelError` when it could not be handed over
        (worth trying again later)."""

    def evidence(self, dispatch: Dispatch) -> list[DeliveryEvidence]:
        """Every evidence issued so far for the dispatched letter, oldest first; raise
        :class:`DispatchRefused` when the provider has meanwhile refused to send it."""


SenderFactory = Callable[["ChannelConfig"], ChannelSender]
_senders: Registry[SenderFactory] = Registry("channel sender")


def register_sender(kind: str, factory: SenderFactory) -> None:
    """Register the sender of channel ``kind`` (a kind is registered once)."""
    _senders.register(kind, factory)


def sender_for(config: ChannelConfig) -> ChannelSender:
    """The sender for ``config``'s provider."""
    factory = _senders.find(config.kind)
    if factory is None:
        raise ChannelError(f"Nieznany kanał: {config.kind}")
    return factory(config)
