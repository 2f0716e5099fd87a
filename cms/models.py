"""Page types of a town's site."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock


class HomePage(Page):
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
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("treść"),
        help_text=_("Treść strony głównej pod powitaniem."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text"), index.SearchField("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("strona główna")
        verbose_name_plural = _("strony główne")


class StandardPage(Page):
    """An ordinary content page: an introduction and a body of blocks."""

    intro = models.TextField(
        _("wprowadzenie"),
        blank=True,
        help_text=_(
            "Jedno lub dwa zdania na początku strony; pokazywane też w wynikach wyszukiwania."
        ),
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name=_("treść"), help_text=_("Treść strony.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("strona zwykła")
        verbose_name_plural = _("strony zwykłe")
