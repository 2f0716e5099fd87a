"""``{% pwa_head branding %}``: what every page's <head> needs for the installable app."""

from __future__ import annotations

from typing import Any

from django import template

from eurzad.pwa.services import account_marker, icon_path

register = template.Library()


@register.inclusion_tag("pwa/includes/head.html", takes_context=True)
def pwa_head(context: template.Context, branding: Any = None) -> dict[str, Any]:
    """The manifest, theme colour and home-screen icon links, and the (opaque) marker of
    who is logged in, which the app's script compares with the saved obligations'.

    The offline page carries no marker: it is the same for everybody and is shown when
    nobody can tell who is logged in."""
    request = context.get("request")
    offline_page = bool(context.get("pwa_offline_page"))
    return {
        "theme_colour": getattr(branding, "primary_colour", "") or "#1f3d6b",
        "apple_touch_icon": icon_path(180),
        "app_title": getattr(branding, "display_name", ""),
        "with_marker": request is not None and not offline_page,
        "account": account_marker(request) if request is not None else "",
    }
