from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock, QuickLinkBlock
from cms.models.alerts import Alert
from cms.models.news import NewsPage
from cms.models.permissions import LeafPagePermissions
from cms.models.slugs import AsciiSlug
from cms.models.view_restrictions import RememberedViewRestrictions

LATEST_NEWS_COUNT = 3


class HomePage(AsciiSlug, RememberedViewRestrictions, LeafPagePermissions, Page):
    """The front page of a town's e-Urząd."""

    hero_title = models.CharField(
        _("tytuł powitania"),
        max_length=160,
        help_text=_("Duży napis na górze strony głównej, np. „e-Urząd Gminy Zembrzyce”."),
    )
    hero_text = models.TextField(
        _("tekst powitania"),
        blank=True,
        help_text=_("Jedno lub dwa zdania o tym, co mieszkaniec załatwi w e-Urzędzie."),
    )
    quick_links = StreamField(
        [("link", QuickLinkBlock())],
        blank=True,
        verbose_name=_("szybkie odnośniki"),
        help_text=_("Najważniejsze wejścia, np. logowanie, płatności, katalog usług."),
    )
    highlighted_services = StreamField(
        [
            (
                "service",
                blocks.PageChooserBlock(page_type="cms.ServicePage", label=_("Usługa")),
            )
        ],
        blank=True,
        verbose_name=_("wyróżnione usługi"),
        help_text=_("Usługi z katalogu pokazywane na stronie głównej (najlepiej 3–6)."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("treść"),
        help_text=_("Dalsza treść strony głównej."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], _("Powitanie")),
        FieldPanel("quick_links"),
        FieldPanel("highlighted_services"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("strona główna")
        verbose_name_plural = _("strony główne")

    def get_context(self, request: HttpRequest, *args: object, **kwargs: object) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.live()
            .filter(locale=self.locale)
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("-date", "-pk")[:LATEST_NEWS_COUNT]
        )
        context["home_alerts"] = list(Alert.objects.active())
        return context
