"""What an app needs to put pages into Mój e-Urząd (the resident area under /konto/),
without knowing the app that draws it (``eurzad.portal``).

- A section: each app declares its own from its ``AppConfig.ready`` (its
  ``account_sections`` module) with ``register_section``; the portal shows the registered
  sections, by position, as the cards of its home page and the links of its menu.
- A page: a view renders it with ``render_account_page`` and a template extending
  ``portal/layout.html``; the portal's context processor adds the menu, the unread count
  and the acting Party (``account_area``), so no view computes them.

This module sits below the apps (it imports none of them), so registering a section never
makes an app depend on the portal, and the portal never lists the apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Section:
    """One section of Mój e-Urząd: a card on its home page and a link in its menu."""

    title: StrOrPromise
    url: str
    description: StrOrPromise
    status: str = ""  # a short live fact, e.g. how many notifications are unread
    current: bool = False


@dataclass(frozen=True)
class SectionContext:
    """What a section may show its live status from."""

    request: HttpRequest
    resident: Any  # eurzad.identity.models.Resident (this layer knows no app's models)
    party: Any  # the Party the resident acts for (eurzad.parties.models.Party), or None
    unread: int  # the resident's unread notifications


SectionBuilder = Callable[[SectionContext], Section | None]


@dataclass(frozen=True)
class RegisteredSection:
    """A section as an app declared it: ``build`` returns its Section for one request,
    or None when it is not shown there."""

    key: str
    position: int  # menu order, lower first
    build: SectionBuilder


def static_section(title: Any, url_name: str, description: Any) -> SectionBuilder:
    """The builder of a section with no live status. Its URL is reversed per request, so
    it carries the request's language prefix (``/en/konto/…``)."""

    def build(context: SectionContext) -> Section:
        return Section(title, reverse(url_name), description)

    return build


_SECTIONS: dict[str, RegisteredSection] = {}


def register_section(key: str, position: int, build: SectionBuilder) -> RegisteredSection:
    """Add a section (from the owning app's ``ready()``); a key is registered once."""
    section = RegisteredSection(key, position, build)
    existing = _SECTIONS.get(key)
    if existing is not None and existing != section:
        raise ValueError(f"Account section {key!r} is already registered.")
    _SECTIONS[key] = section
    return section


def unregister_section(key: str) -> None:
    """Remove a section (tests that plug one in take it out again)."""
    _SECTIONS.pop(key, None)


def registered_sections() -> list[RegisteredSection]:
    """The registered sections in menu order."""
    return sorted(_SECTIONS.values(), key=lambda section: (section.position, section.key))


def render_account_page(
    request: HttpRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    """A page of the resident area: personal, so never stored by any cache."""
    response = render(request, template, context)
    response["Cache-Control"] = "private, no-store"
    return response
