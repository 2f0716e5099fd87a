"""``{% town_fragment "name" key… %}…{% endtown_fragment %}``: a part of every page that
only the town's editors change (the footer, the alert banner, the header's accessibility
tools, brand and main menu), rendered once per process, town, site and language and kept
in the town memo (:mod:`eurzad.core.town_memo`) until the town changes, instead of on
every page.

What is inside must depend on nothing of the request but its town, site and language,
and on the keys given (e.g. the active alerts, the menu's marks of the current page):
never on the person or the query, and on the page only through a key. The keys are part
of what the fragment is remembered under."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from eurzad.core.town_memo import town_memo

register = template.Library()


def _hashable(value: Any) -> Hashable:
    return tuple(value) if isinstance(value, list) else value


class TownFragmentNode(template.Node):
    def __init__(self, nodelist: NodeList, name: FilterExpression, keys: list[FilterExpression]):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys

    def render(self, context: Context) -> SafeString:
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        key = (
            "fragment",
            self.name.resolve(context),
            getattr(site, "pk", None),
            get_language(),
            *(_hashable(expression.resolve(context)) for expression in self.keys),
        )
        return town_memo.remember(key, lambda: mark_safe(self.nodelist.render(context)))  # noqa: S308 (rendered by the template engine, escaped there)


@register.tag
def town_fragment(parser: Parser, token: Token) -> TownFragmentNode:
    """``{% town_fragment "footer" %}…{% endtown_fragment %}``; keys after the name."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("town_fragment needs a name")
    nodelist = parser.parse(("endtown_fragment",))
    parser.delete_first_token()
    return TownFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
