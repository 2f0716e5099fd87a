"""What the platform tells people about: the registry of notification kinds.

Each kind has three templates under ``notifications/kinds/<kind>/`` in the templates of
the app that declares it (e.g. ``cases/templates/notifications/kinds/case_letter/``):
``subject.txt`` (the inbox title, the e-mail subject and the push title), ``body.txt``
(the inbox text and the e-mail) and ``push.txt`` (the short text of a push message). They
are plain text, rendered without HTML escaping in the recipient's language
(``translation.override``), so every sentence in them is a ``{% blocktranslate %}`` and
English comes from the translation catalogue.

Each app declares the kinds it sends (its ``notification_kinds`` module, registered from
its ``AppConfig.ready``): this module knows none of them.

A kind may ``prepare`` its context first (inside the recipient's language): it turns
model instances, dates and amounts into the simple values the templates show. The keys a
caller passes are listed in ``context_keys``; ``link`` (a path on the town's host, or
empty) is common to all kinds and becomes the notification's link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

EMAIL = "email"
PUSH = "push"
CHANNELS = (EMAIL, PUSH)

Context = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    """One kind of notification. ``name`` is stored as the notification's reason."""

    name: str
    label: Any  # lazy: shown on the preferences page
    help_text: Any = ""
    context_keys: tuple[str, ...] = ()
    # False: the resident cannot switch it off per kind (it answers their own request);
    # the master switches of e-mail and push still apply.
    configurable: bool = True
    defaults: dict[str, bool] = field(default_factory=lambda: {EMAIL: True, PUSH: True})
    prepare: Callable[[Context], Context] | None = None
    # Where the kind stands on the resident's preferences page (lower first).
    position: int = 100

    def template(self, part: str) -> str:
        return f"notifications/kinds/{self.name}/{part}.txt"


def date_text(value: Any) -> str:
    """A date as the notifications show it (``05.03.2026``); "" for none."""
    return value.strftime("%d.%m.%Y") if value else ""


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add a kind (from the owning app's ``ready()``); a name is registered once."""
    existing = KINDS.get(kind.name)
    if existing is not None and existing != kind:
        raise ValueError(f"Notification kind {kind.name!r} is already registered.")
    KINDS[kind.name] = kind
    return kind


def kind_named(name: str) -> Kind:
    """The kind called ``name``; KeyError for a kind nobody registered."""
    return KINDS[name]


def configurable_kinds() -> list[Kind]:
    """The kinds a resident may switch per channel, in the order of the settings page."""
    return sorted((kind for kind in KINDS.values() if kind.configurable), key=lambda k: k.position)
