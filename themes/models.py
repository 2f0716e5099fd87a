"""A town's branding and contact data, edited under Ustawienia → Wygląd i dane urzędu."""

from __future__ import annotations

import copy

from django.db import models
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import AbstractRendition
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Site

from eurzad.core.town_memo import town_memo
from themes.colours import validate_non_text_contrast, validate_text_contrast
from themes.presets import DEFAULT_PRESET, preset_choices

#: The coat of arms as every page's header shows it.
HEADER_ARMS_FILTER = "height-80"


@register_setting(icon="image")
class BrandingSettings(BaseSiteSetting):
    display_name = models.CharField(
        _("nazwa wyświetlana"),
        max_length=120,
        help_text=_("Nazwa w nagłówku każdej strony, np. „Gmina Zembrzyce”."),
    )
    tagline = models.CharField(
        _("podtytuł"),
        max_length=160,
        blank=True,
        help_text=_("Krótki podpis pod nazwą, np. „e-Urząd – sprawy urzędowe przez internet”."),
    )
    coat_of_arms = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("herb lub logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Herb gminy (najlepiej PNG lub SVG, co najmniej 160 px wysokości)."),
    )
    theme_preset = models.CharField(
        _("układ strony"),
        max_length=20,
        choices=preset_choices(),
        default=DEFAULT_PRESET,
        help_text=_("Układ nagłówka i stopki; kolory ustawiasz poniżej."),
    )
    primary_colour = models.CharField(
        _("kolor główny"),
        max_length=7,
        default="#1f3d6b",
        validators=[validate_text_contrast],
        help_text=_(
            "Kolor tła nagłówka i przycisków w zapisie #RRGGBB. Biały tekst musi być na nim "
            "czytelny (kontrast co najmniej 4,5:1) – system to sprawdza."
        ),
    )
    accent_colour = models.CharField(
        _("kolor akcentu"),
        max_length=7,
        default="#b3261e",
        validators=[validate_non_text_contrast],
        help_text=_(
            "Kolor obramowań i wyróżnień w zapisie #RRGGBB (kontrast z bielą co najmniej 3:1)."
        ),
    )
    office_name = models.CharField(
        _("nazwa urzędu"), max_length=160, help_text=_("Np. „Urząd Gminy Zembrzyce”.")
    )
    street = models.CharField(_("ulica i numer"), max_length=160, blank=True)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6, blank=True)
    city = models.CharField(_("miejscowość"), max_length=80, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.TextField(
        _("godziny pracy urzędu"),
        blank=True,
        help_text=_("Każdy dzień w osobnym wierszu, np. „poniedziałek 8:00–16:00”."),
    )
    bip_url = models.URLField(
        _("adres BIP"),
        blank=True,
        help_text=_("Biuletyn Informacji Publicznej gminy; odnośnik pojawi się w stopce."),
    )
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("display_name"),
                FieldPanel("tagline"),
                FieldPanel("coat_of_arms"),
                FieldPanel("theme_preset"),
                FieldPanel("primary_colour"),
                FieldPanel("accent_colour"),
            ],
            heading=_("Wygląd"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Dane kontaktowe urzędu"),
        ),
        FieldPanel("bip_url"),
    ]

    class Meta:
        verbose_name = _("wygląd i dane urzędu")

    @classmethod
    def for_request(cls, request: HttpRequest) -> BrandingSettings:
        """The branding of the request's site (every page's header and footer show it),
        remembered per town until it or an image changes (``themes.signals``): a copy of
        its own for each request. Editing goes through ``for_site``, always fresh."""
        attr = cls.get_cache_attr_name()
        if not hasattr(request, attr):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            branding = copy.copy(town_memo.remember(("branding", site.pk), lambda: cls._load(site)))
            branding._request = request  # as Wagtail's own for_request sets it
            setattr(request, attr, branding)
        return getattr(request, attr)

    @classmethod
    def _load(cls, site: Site) -> BrandingSettings:
        branding = cls.for_site(site)
        branding.header_arms  # noqa: B018 - loaded now: the header of every page shows it
        return branding

    @cached_property
    def header_arms(self) -> AbstractRendition | None:
        """The coat of arms in the header's size (None without one). Found once with the
        remembered branding (:meth:`for_request`), not by an image tag on every page: the
        tag would read and write the rendition cache each time."""
        arms = self.coat_of_arms
        return get_rendition_or_not_found(arms, HEADER_ARMS_FILTER) if arms else None

    @property
    def postal_address(self) -> str:
        """The office's address on one line (``ul. Kościelna 1, 34-210 Zembrzyce``);
        "" when none is set."""
        town = f"{self.postal_code} {self.city}".strip()
        return ", ".join(part for part in (self.street, town) if part)

    @property
    def opening_hours_lines(self) -> list[str]:
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]
