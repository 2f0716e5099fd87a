"""Template tags for the town's site: footer links and the language switch."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

register = template.Library()

FOOTER_TYPES = {
    "cms.contactpage": "contact",
    "cms.privacypage": "privacy",
    "cms.accessibilitystatementpage": "accessibility",
}


@register.simple_tag(takes_context=True)
def footer_links(context: template.Context) -> dict[str, Page]:
    """The town's contact, privacy and accessibility-statement pages (one query)."""
    language = get_language() or settings.LANGUAGE_CODE
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
    found: dict[str, Page] = {}
    for page in pages:
        key = FOOTER_TYPES[f"cms.{page.content_type.model}"]
        found.setdefault(key, page)
    return found


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """Links to this page in the other languages, or to their home pages."""
    request = context.get("request")
    page = context.get("page")
    current = get_language() or settings.LANGUAGE_CODE
    translations: dict[str, Page] = {}
    if isinstance(page, Page):
        for translation in page.get_translations().live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    links = []
    site = Site.find_for_request(request) if request else None
    for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == current:
            continue
        target = translations.get(code)
        if target is None and site is not None:
            locale = Locale.objects.filter(language_code=code).first()
            root = site.root_page.get_translation_or_none(locale) if locale else None
            target = root if root is not None and root.live else None
        if target is not None:
            links.append({"code": code, "name": name, "url": target.url})
    return links
