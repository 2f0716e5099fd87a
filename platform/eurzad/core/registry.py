"""One shape for the platform's plug-in registries (Open Forms' ``BaseRegistry[T]``).

Payment gateways, channel adapters and senders, channel intake handlers and push
providers each keep their entries in a :class:`Registry`: a plugin registers itself
under its key when its module is imported (from the owning app's ``AppConfig.ready``),
and the code that uses it looks it up by that key::

    _providers: Registry[PushProvider] = Registry("push provider")
    _providers.register("fcm", FcmProvider())
    _providers.get("fcm")  # NotRegistered (a KeyError) when nobody registered it
    _providers.find("fcm")  # or None

A key is registered once; entries come back in registration order, or in the order an
``order`` function declares (ties keep registration order).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["AlreadyRegistered", "NotRegistered", "Registry"]

T = TypeVar("T")

_MISSING: Any = object()


class AlreadyRegistered(ValueError):
    """Another entry is registered under the key already."""


class NotRegistered(KeyError):
    """No entry is registered under the key. A ``KeyError``, as a dictionary's lookup
    raises, with a message that reads plainly (a ``KeyError``'s own is quoted)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class Registry(Generic[T]):
    """Entries of one kind, each under its own key.

    ``entry_name`` says what the entries are ("payment gateway") in error messages;
    ``order`` gives each entry its place when they are listed (registration order
    without it)."""

    def __init__(self, entry_name: str, *, order: Callable[[T], Any] | None = None) -> None:
        self.entry_name = entry_name
        self._order = order
        self._entries: dict[str, T] = {}

    def register(self, key: str, entry: T, *, replace: bool = False) -> T:
        """Add ``entry`` under ``key`` and return it. A key taken by a different entry
        raises :class:`AlreadyRegistered` unless ``replace`` (the entry then keeps the
        earlier one's place); registering an equal entry again changes nothing."""
        key = str(key)  # a str enum member (TextChoices) is kept as its value
        existing = self._entries.get(key, _MISSING)
        if existing is not _MISSING and not replace:
            if existing != entry:
                raise AlreadyRegistered(f"{self.entry_name} {key!r} is already registered.")
            return existing
        self._entries[key] = entry
        return entry

    def unregister(self, key: str) -> T | None:
        """Remove the entry under ``key`` and return it (``None`` when there was none)."""
        return self._entries.pop(key, None)

    def get(self, key: str) -> T:
        """The entry under ``key``; :class:`NotRegistered` when there is none."""
        try:
            return self._entries[key]
        except KeyError:
            known = ", ".join(repr(k) for k in self.keys()) or "none"
            raise NotRegistered(
                f"No {self.entry_name} is registered under {str(key)!r} (registered: {known})."
            ) from None

    def find(self, key: str) -> T | None:
        """The entry under ``key``, or ``None``."""
        return self._entries.get(key)

    def items(self) -> list[tuple[str, T]]:
        """``(key, entry)`` pairs in order."""
        pairs = list(self._entries.items())
        if self._order is not None:
            order = self._order
            pairs.sort(key=lambda pair: order(pair[1]))
        return pairs

    def keys(self) -> list[str]:
        return [key for key, _entry in self.items()]

    def values(self) -> list[T]:
        return [entry for _key, entry in self.items()]

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<Registry of {self.entry_name}s: {', '.join(self.keys()) or 'empty'}>"
