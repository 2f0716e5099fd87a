"""Handlers other apps register for documents that come in through a channel.

    from eurzad.channels.handlers import register

    register("access-request", accepts=is_access_request, handle=create_access_request)

or as a decorator of the ``handle`` function. Register in your ``AppConfig.ready``. The
first registered handler that accepts a document handles it; an exception from
``handle`` rejects the document (its IntakeRecord keeps it and the reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eurzad.channels.documents import ReceivedDocument
from eurzad.core.registry import Registry

if TYPE_CHECKING:
    from eurzad.channels.models import IntakeRecord

__all__ = ["Handler", "handler_for", "register", "registered", "unregister"]

Accepts = Callable[[ReceivedDocument], bool]
Handle = Callable[[ReceivedDocument, "IntakeRecord"], None]


@dataclass(frozen=True)
class Handler:
    name: str
    accepts: Accepts
    handle: Handle


_handlers: Registry[Handler] = Registry("channel handler")


def register(name: str, *, accepts: Accepts, handle: Handle | None = None):
    """Register ``handle`` under ``name`` for documents ``accepts`` says yes to.

    Without ``handle`` it returns a decorator. Registering a name again replaces the
    earlier handler (module reloads in development must not duplicate it)."""

    def decorate(function: Handle) -> Handle:
        _handlers.register(name, Handler(name, accepts, function), replace=True)
        return function

    if handle is not None:
        decorate(handle)
        return handle
    return decorate


def unregister(name: str) -> None:
    _handlers.unregister(name)


def registered() -> list[Handler]:
    return _handlers.values()


def handler_for(document: ReceivedDocument) -> Handler | None:
    """The first registered handler that accepts ``document``."""
    return next((h for h in _handlers.values() if h.accepts(document)), None)
