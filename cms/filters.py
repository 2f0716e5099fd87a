"""The query parameters of the town's public pages: site search, the news list and the
service catalogue (see :mod:`eurzad.core.query` for the rule on invalid values)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from eurzad.core.query import PageNumberField, QueryForm, SearchTextField, refuse_if_invalid
from eurzad.core.requests import TenantRequest

SEARCH_MAX = 200
SLUG_MAX = 80
TAG_MAX = 100


class SiteSearchQuery(QueryForm):
    """/szukaj/?q=&strona="""

    q = SearchTextField(SEARCH_MAX, label=_("Szukana fraza"))
    strona = PageNumberField()


class NewsQuery(QueryForm):
    """The news list: ?tag=&strona="""

    tag = forms.CharField(required=False, max_length=TAG_MAX, label=_("Tag"))
    strona = PageNumberField()


class ServiceCatalogueQuery(QueryForm):
    """Katalog usług: ?q=&kategoria=&sytuacja="""

    q = SearchTextField(SEARCH_MAX, label=_("Czego szukasz?"))
    kategoria = forms.SlugField(required=False, max_length=SLUG_MAX, label=_("Kategoria"))
    sytuacja = forms.SlugField(required=False, max_length=SLUG_MAX, label=_("Sytuacja życiowa"))


if TYPE_CHECKING:
    from wagtail.models import Page as _PageBase  # the mixin is only ever put on a Page
else:
    _PageBase = object


class QueryFormPage(_PageBase):
    """A Wagtail page that reads query parameters declares them as ``query_form``: the
    checked form is ``request.query`` in ``get_context``, and an invalid one makes the
    page's status 400 (the page still shows, with the errors)."""

    query_form: ClassVar[type[QueryForm]]

    def serve(self, request: TenantRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        view = args[0] if args else kwargs.get("view")
        if callable(view) and getattr(view, "__name__", "") != "index_route":
            # Another route of a routable page (the news RSS feed): it reads no query.
            return super().serve(request, *args, **kwargs)
        form = self.checked_query(request)
        response = super().serve(request, *args, **kwargs)
        return refuse_if_invalid(form, response)

    def checked_query(self, request: TenantRequest) -> QueryForm:
        """The page's checked query (bound once per request; previews bind it here)."""
        form = getattr(request, "query", None)
        if not isinstance(form, self.query_form):
            form = self.query_form.of(request)
            request.query = form
        return form
