"""One interface for every delivery channel; each provider is an adapter in
``contrib/<provider>/`` registered here under its channel kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from eurzad.channels.documents import ReceivedDocument
from eurzad.core.registry import Registry

if TYPE_CHECKING:
    from eurzad.channels.models import ChannelConfig

__all__ = ["ChannelAdapter", "ChannelError", "adapter_for", "register_adapter"]


class ChannelError(RuntimeError):
    """The provider could not be reached or refused the request (message is bilingual)."""


@runtime_checkable
class ChannelAdapter(Protocol):
    """Reads a town's mailbox on one provider."""

    def pending(self) -> int:
        """How many documents wait in the mailbox."""

    def fetch_next(self) -> ReceivedDocument | None:
        """The next waiting document (not yet removed), or None when there is none."""

    def acknowledge(self, document: ReceivedDocument) -> None:
        """Tell the provider the document was taken in; it then offers the next one."""


AdapterFactory = Callable[["ChannelConfig"], ChannelAdapter]
_adapters: Registry[AdapterFactory] = Registry("channel adapter")


def register_adapter(kind: str, factory: AdapterFactory) -> None:
    """Register the adapter of channel ``kind`` (a kind is registered once)."""
    _adapters.register(kind, factory)


def adapter_for(config: ChannelConfig) -> ChannelAdapter:
    """The adapter reading ``config``'s mailbox."""
    factory = _adapters.find(config.kind)
    if factory is None:
        raise ChannelError(f"Nieznany kanał (unknown channel): {config.kind}")
    return factory(config)
