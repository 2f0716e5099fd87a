from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.feeds import NewsFeed
from cms.filters import NewsQuery, QueryFormPage
from cms.models.permissions import LeafPagePermissions
from cms.models.slugs import AsciiSlug
from cms.models.view_restrictions import RememberedViewRestrictions
from eurzad.core.requests import TenantRequest

NEWS_PER_PAGE = 10


class NewsIndexPage(
    AsciiSlug,
    QueryFormPage,
    RoutablePageMixin,
    RememberedViewRestrictions,
    LeafPagePermissions,
    Page,
):
    """The list of news (aktualności), newest first, with paging, tags and an RSS feed."""

    intro = models.TextField(
        _("wprowadzenie"), blank=True, help_text=_("Zdanie nad listą aktualności.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.NewsPage"]
    query_form = NewsQuery
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("lista aktualności")
        verbose_name_plural = _("listy aktualności")

    def news(self, tag: str = "") -> models.QuerySet:
        items = (
            NewsPage.objects.live()
            .child_of(self)
            .select_related("image")
            .prefetch_related("image__renditions", "tags")
            .order_by("-date", "-pk")
        )
        if tag:
            items = items.filter(tags__name=tag)
        return items

    def get_context(self, request: TenantRequest, *args: object, **kwargs: object) -> dict:
        context = super().get_context(request, *args, **kwargs)
        filters = self.checked_query(request).filters
        tag = filters["tag"]
        paginator = Paginator(self.news(tag), NEWS_PER_PAGE)
        context["news_page"] = paginator.get_page(filters["strona"])
        context["tag"] = tag
        return context

    @path("rss/", name="rss")
    def rss(self, request: HttpRequest) -> HttpResponse:
        return NewsFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(AsciiSlug, RememberedViewRestrictions, LeafPagePermissions, Page):
    date = models.DateField(
        _("data"), default=timezone.localdate, help_text=_("Data publikacji widoczna na stronie.")
    )
    lead = models.TextField(
        _("zajawka"),
        max_length=400,
        help_text=_("Jedno lub dwa zdania: pokazywane na liście aktualności i w RSS."),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("zdjęcie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Zdjęcie na listę i na górę wpisu; opis alternatywny ustawiasz przy zdjęciu."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("treść"), help_text=_("Treść aktualności."))
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        verbose_name=_("tagi"),
        help_text=_("Słowa kluczowe, np. „odpady”, „podatki”."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("aktualność")
        verbose_name_plural = _("aktualności")
