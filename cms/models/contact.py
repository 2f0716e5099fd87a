from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.models.permissions import LeafPagePermissions
from cms.models.slugs import AsciiSlug
from cms.models.view_restrictions import RememberedViewRestrictions


class DepartmentBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Nazwa komórki"), max_length=120)
    phone = blocks.CharBlock(label=_("Telefon"), required=False, max_length=40)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    room = blocks.CharBlock(label=_("Pokój"), required=False, max_length=40)

    class Meta:
        icon = "group"
        label = _("Komórka urzędu")


class ContactPage(AsciiSlug, RememberedViewRestrictions, LeafPagePermissions, Page):
    """Kontakt: the office's address, hours, phones, e-mail, ePUAP and e-Doręczenia.

    The address and the office-wide data are the town's branding settings (one place to
    edit them); this page adds the departments, a map link and notes."""

    intro = models.TextField(_("wprowadzenie"), blank=True, help_text=_("Zdanie nad danymi."))
    departments = StreamField(
        [("department", DepartmentBlock())],
        blank=True,
        verbose_name=_("komórki urzędu"),
        help_text=_("Telefony i adresy e-mail referatów."),
    )
    map_url = models.URLField(
        _("odnośnik do mapy"), blank=True, help_text=_("Np. adres w OpenStreetMap.")
    )
    payment_note = models.TextField(
        _("wpłaty"), blank=True, help_text=_("Jak wpłacać podatki i opłaty (numer konta).")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("departments"),
        FieldPanel("map_url"),
        FieldPanel("payment_note"),
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("strona kontaktowa")
        verbose_name_plural = _("strony kontaktowe")
