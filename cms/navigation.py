"""The links every page of a town shows around its content: the main menu, the footer's
information pages, the page's translations and the home page in each language —
remembered per town, site and language (:mod:`eurzad.core.town_memo`) until an editor
publishes, moves or deletes a page (``cms.signals``), instead of four to seven queries on
every request."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from eurzad.core.town_memo import town_memo

FOOTER_TYPES = {
    "cms.contactpage": "contact",
    "cms.privacypage": "privacy",
    "cms.accessibilitystatementpage": "accessibility",
}


@dataclass(frozen=True)
class PageLink:
    """What a menu needs of a page: where it is in the tree (to mark the current
    section), its title and its URL on the site."""

    pk: int
    title: str
    url: str
    path: str
    depth: int

    @classmethod
    def of(cls, page: Page, site: Site) -> PageLink:
        return cls(
            page.pk, page.title, page.get_url(current_site=site) or "", page.path, page.depth
        )


@dataclass(frozen=True)
class SiteNavigation:
    root: PageLink | None  # the home page in this language (the Polish one if none)
    menu: list[PageLink] = field(default_factory=list)  # the home page's children in menus
    footer: dict[str, PageLink] = field(default_factory=dict)  # by FOOTER_TYPES' names
    home_pages: dict[str, str] = field(default_factory=dict)  # language → live home's URL


#: ``aria-current`` of a menu link: on the page itself, or on a page within its section.
ON_THE_PAGE, IN_THE_SECTION, ELSEWHERE = "page", "true", ""


@dataclass(frozen=True)
class MenuMarks:
    """Where a page is in the main menu: the ``aria-current`` of the home link and of
    each menu link (``ELSEWHERE`` for none). Pages that mark the menu alike share its
    rendering (``key``)."""

    home: str
    menu: list[tuple[PageLink, str]]

    @property
    def key(self) -> tuple[str, ...]:
        return (self.home, *(mark for _link, mark in self.menu))


def menu_marks(navigation: SiteNavigation, page: object) -> MenuMarks:
    """The menu of ``navigation`` as ``page`` shows it (any page, or None off the tree)."""
    if not isinstance(page, Page):
        page = None
    root = navigation.root
    home = ON_THE_PAGE if page and root and page.pk == root.pk else ELSEWHERE
    return MenuMarks(home, [(link, _mark(link, page)) for link in navigation.menu])


def _mark(link: PageLink, page: Page | None) -> str:
    if page is None:
        return ELSEWHERE
    if page.pk == link.pk:
        return ON_THE_PAGE
    # Section pages are the home page's children: a page is in one when its tree path
    # starts with the section's (the first 8 characters: root, home, section's steps).
    if page.path[:8] == link.path[:8] and page.depth > link.depth:
        return IN_THE_SECTION
    return ELSEWHERE


def site_navigation(site: Site, language: str) -> SiteNavigation:
    """The navigation of ``site`` in ``language`` (a code of WAGTAIL_CONTENT_LANGUAGES)."""
    return town_memo.remember(("site-navigation", site.pk, language), lambda: _load(site, language))


def translation_urls(page: Page) -> dict[str, str]:
    """The URLs of the page's live translations, by language (the language switch),
    remembered per town until an editor publishes, moves or deletes a page."""

    def load() -> dict[str, str]:
        translations = page.get_translations().live().select_related("locale")
        return {item.locale.language_code: item.url or "" for item in translations}

    if page.pk is None:  # the preview of a page not yet saved
        return load()
    return town_memo.remember(("page-translations", page.pk), load)


def _load(site: Site, language: str) -> SiteNavigation:
    with translation.override(language):
        root = site.root_page.localized
        menu = [PageLink.of(item, site) for item in root.get_children().live().in_menu()]
        return SiteNavigation(
            root=PageLink.of(root, site),
            menu=menu,
            footer=_footer(site, language),
            home_pages=_home_pages(site),
        )


def _footer(site: Site, language: str) -> dict[str, PageLink]:
    """The town's contact, privacy and accessibility-statement pages (one query)."""
    pages = (
        Page.objects.live()
        .filter(locale__language_code=language)
        .select_related("content_type")
        .filter(
            content_type__app_label="cms",
            content_type__model__in=[name.split(".")[1] for name in FOOTER_TYPES],
        )
        .order_by("path")
    )
    found: dict[str, PageLink] = {}
    for page in pages:
        key = FOOTER_TYPES[f"cms.{page.content_type.model}"]
        if key not in found:
            found[key] = PageLink.of(page, site)
    return found


def _home_pages(site: Site) -> dict[str, str]:
    homes: dict[str, str] = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        root = site.root_page.get_translation_or_none(locale) if locale else None
        if root is not None and root.live:
            homes[code] = root.get_url(current_site=site) or ""
    return homes
