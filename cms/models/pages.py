from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.permissions import LeafPagePermissions
from cms.models.slugs import AsciiSlug
from cms.models.view_restrictions import RememberedViewRestrictions


class StandardPage(AsciiSlug, RememberedViewRestrictions, LeafPagePermissions, Page):
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
