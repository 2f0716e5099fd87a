"""Template tags for the town's site: the main menu, the footer links and the language
switch, all from the navigation remembered per town (``cms.navigation``)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from cms.navigation import (
    MenuMarks,
    PageLink,
    SiteNavigation,
    menu_marks,
    site_navigation,
    translation_urls,
)

register = template.Library()


def _navigation(context: template.Context) -> SiteNavigation | None:
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    language = get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
    return site_navigation(site, language)


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> SiteNavigation | None:
    """The site's navigation in the current language (``root`` and ``menu``)."""
    return _navigation(context)


@register.simple_tag(takes_context=True)
def marked_menu(context: template.Context, navigation: SiteNavigation | None) -> MenuMarks | None:
    """The main menu with the current page (``page``) marked (``cms.navigation.menu_marks``)."""
    return menu_marks(navigation, context.get("page")) if navigation else None


@register.simple_tag(takes_context=True)
def footer_links(context: template.Context) -> dict[str, PageLink]:
    """The town's contact, privacy and accessibility-statement pages."""
    navigation = _navigation(context)
    return navigation.footer if navigation else {}


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, str]]:
    """Links to this page in the other languages, or to their home pages."""
    page = context.get("page")
    current = get_language() or settings.LANGUAGE_CODE
    urls = translation_urls(page) if isinstance(page, Page) else {}
    navigation = _navigation(context)
    links = []
    for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == current:
            continue
        url = urls.get(code) or (navigation.home_pages.get(code) if navigation else None)
        if url:
            links.append({"code": code, "name": name, "url": url})
    return links
