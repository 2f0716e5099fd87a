"""``{% hashed_style %}…{% endhashed_style %}`` writes an inline ``<style>`` and allows
exactly that text in this response's Content-Security-Policy (eurzad.core.csp): for the
few declarations a page computes (the town's colours), where a stylesheet file cannot
know them. No ``'unsafe-inline'`` is needed, and a cached page keeps its policy."""

from __future__ import annotations

from django import template
from django.template.base import NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString

from eurzad.core.csp import allow, source_hash

register = template.Library()


class HashedStyleNode(template.Node):
    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        css = self.nodelist.render(context)
        request = context.get("request")
        if request is not None:
            allow(request, "style-src", source_hash(css))
        return format_html("<style>{}</style>", SafeString(css))


@register.tag
def hashed_style(parser: Parser, token: Token) -> HashedStyleNode:
    """``{% hashed_style %}:root { --brand: {{ colour }}; }{% endhashed_style %}``."""
    nodelist = parser.parse(("endhashed_style",))
    parser.delete_first_token()
    return HashedStyleNode(nodelist)
