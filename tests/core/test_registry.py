"""The one registry shape behind gateways, channel adapters, senders and handlers and push
providers: a key is registered once, lookups say what is missing, order is kept."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pytest

from eurzad.channels import handlers
from eurzad.channels.registry import _adapters
from eurzad.channels.sending import _senders
from eurzad.core.registry import AlreadyRegistered, NotRegistered, Registry
from eurzad.finance.gateways.registry import _plugins
from eurzad.notifications.push.providers import _providers


@dataclass(frozen=True)
class Plugin:
    name: str
    place: int = 0


def test_entries_are_found_by_key_in_registration_order():
    registry: Registry[Plugin] = Registry("test plugin")
    first = registry.register("b", Plugin("b"))
    registry.register("a", Plugin("a"))
    assert first == Plugin("b")
    assert registry.get("a") == Plugin("a")
    assert registry.find("a") == Plugin("a")
    assert registry.keys() == ["b", "a"]
    assert registry.values() == [Plugin("b"), Plugin("a")]
    assert registry.items() == [("b", Plugin("b")), ("a", Plugin("a"))]
    assert "a" in registry and "c" not in registry
    assert len(registry) == 2


def test_a_missing_key_says_what_is_registered():
    registry: Registry[Plugin] = Registry("test plugin")
    registry.register("a", Plugin("a"))
    assert registry.find("c") is None
    with pytest.raises(NotRegistered) as error:
        registry.get("c")
    assert str(error.value) == "No test plugin is registered under 'c' (registered: 'a')."
    # Callers that caught the dictionary's KeyError keep working.
    assert isinstance(error.value, KeyError)
    assert isinstance(error.value, LookupError)
    with pytest.raises(NotRegistered, match=r"registered: none"):
        Registry("empty thing").get("x")


def test_a_key_is_registered_once_unless_replaced():
    registry: Registry[Plugin] = Registry("test plugin")
    registry.register("a", Plugin("a"))
    registry.register("b", Plugin("b"))
    with pytest.raises(AlreadyRegistered, match="test plugin 'a' is already registered"):
        registry.register("a", Plugin("other"))
    assert registry.get("a") == Plugin("a")
    # The same entry again (a second ready(), a reloaded module) changes nothing.
    assert registry.register("a", Plugin("a")) == Plugin("a")
    # Replacing keeps the entry's place.
    registry.register("a", Plugin("other"), replace=True)
    assert registry.items() == [("a", Plugin("other")), ("b", Plugin("b"))]


def test_unregister_removes_an_entry_and_tolerates_a_missing_one():
    registry: Registry[Plugin] = Registry("test plugin")
    registry.register("a", Plugin("a"))
    assert registry.unregister("a") == Plugin("a")
    assert registry.unregister("a") is None
    assert len(registry) == 0
    registry.register("a", Plugin("again"))  # the key is free again
    assert registry.get("a") == Plugin("again")


def test_a_declared_order_lists_entries_by_place_then_registration():
    registry: Registry[Plugin] = Registry("test plugin", order=lambda plugin: plugin.place)
    registry.register("late", Plugin("late", place=20))
    registry.register("early", Plugin("early", place=10))
    registry.register("also-late", Plugin("also-late", place=20))
    assert registry.keys() == ["early", "late", "also-late"]


def test_a_str_enum_key_is_kept_as_its_value():
    class Kind(StrEnum):
        FCM = "fcm"

    registry: Registry[Plugin] = Registry("test plugin")
    registry.register(Kind.FCM, Plugin("fcm"))
    assert registry.keys() == ["fcm"] and type(registry.keys()[0]) is str
    assert registry.get("fcm") == registry.get(Kind.FCM) == Plugin("fcm")
    assert repr(registry) == "<Registry of test plugins: fcm>"


def test_the_platform_registries_share_the_shape():
    assert {key for key, _plugin in _plugins.items()} == {"przelewy24", "payu"}
    assert set(_adapters.keys()) == {"epuap", "edoreczenia"}
    assert set(_senders.keys()) == {"epuap", "edoreczenia"}
    assert set(_providers.keys()) == {"webpush", "fcm", "apns"}
    assert "access-request" in {handler.name for handler in handlers.registered()}
    for registry in (_plugins, _adapters, _senders, _providers):
        assert isinstance(registry, Registry)
