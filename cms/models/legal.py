"""Pages the law requires: the accessibility statement and the RODO information clause."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.models.permissions import LeafPagePermissions
from cms.models.slugs import AsciiSlug
from cms.models.view_restrictions import RememberedViewRestrictions

RICH = ["bold", "italic", "link", "ol", "ul", "h3", "document-link"]


class AccessibilityStatementPage(AsciiSlug, RememberedViewRestrictions, LeafPagePermissions, Page):
    """Deklaracja dostępności in the structure the ministry prescribes (v2.0, 2024)."""

    class Compliance(models.TextChoices):
        FULL = "full", _("zgodna")
        PARTIAL = "partial", _("częściowo zgodna")
        NONE = "none", _("niezgodna")

    entity_name = models.CharField(
        _("nazwa podmiotu"), max_length=200, help_text=_("Np. „Urząd Gminy Zembrzyce”.")
    )
    website_url = models.URLField(
        _("adres serwisu"), blank=True, help_text=_("Adres strony, której dotyczy deklaracja.")
    )
    publication_date = models.DateField(
        _("data publikacji strony"), help_text=_("Kiedy serwis został opublikowany.")
    )
    update_date = models.DateField(
        _("data ostatniej istotnej aktualizacji"),
        help_text=_("Kiedy serwis ostatnio istotnie zmieniono."),
    )
    compliance = models.CharField(
        _("status pod względem zgodności"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_("Zgodność z ustawą o dostępności cyfrowej (WCAG 2.1 AA)."),
    )
    non_accessible_content = RichTextField(
        _("treści niedostępne"),
        features=RICH,
        blank=True,
        help_text=_("Co nie jest dostępne i dlaczego; wymagane przy zgodności częściowej."),
    )
    exemptions = RichTextField(
        _("wyłączenia"),
        features=RICH,
        blank=True,
        help_text=_("Treści wyłączone ze stosowania ustawy (np. nagrania sprzed 2018 r.)."),
    )
    preparation_date = models.DateField(
        _("data sporządzenia deklaracji"),
        default=timezone.localdate,
        help_text=_("Deklarację aktualizuje się co roku do końca marca."),
    )
    review_date = models.DateField(
        _("data ostatniego przeglądu deklaracji"),
        default=timezone.localdate,
        help_text=_("Kiedy deklarację ostatnio sprawdzono."),
    )
    preparation_method = models.TextField(
        _("sposób sporządzenia"),
        help_text=_("Np. samoocena podmiotu albo badanie przez podmiot zewnętrzny."),
    )
    keyboard_shortcuts = RichTextField(
        _("skróty klawiaturowe"), features=RICH, blank=True, help_text=_("Jakie skróty działają.")
    )
    feedback_contact = models.CharField(
        _("osoba do kontaktu"),
        max_length=120,
        help_text=_("Np. „Koordynator do spraw dostępności”."),
    )
    feedback_email = models.EmailField(_("e-mail do kontaktu"), help_text=_("Adres do zgłoszeń."))
    feedback_phone = models.CharField(
        _("telefon do kontaktu"), max_length=40, help_text=_("Numer do zgłoszeń.")
    )
    enforcement_procedure = RichTextField(
        _("procedura wnioskowo-skargowa"),
        features=RICH,
        help_text=_(
            "Jak żądać dostępności, terminy, skarga i wniosek do Rzecznika Praw Obywatelskich."
        ),
    )
    architectural_accessibility = RichTextField(
        _("dostępność architektoniczna"),
        features=RICH,
        help_text=_("Wejścia, windy, toalety, parking, pies asystujący, tłumacz PJM."),
    )
    mobile_apps = RichTextField(
        _("aplikacje mobilne"),
        features=RICH,
        blank=True,
        help_text=_("Aplikacje i ich dostępność."),
    )
    additional_info = RichTextField(
        _("informacje dodatkowe"), features=RICH, blank=True, help_text=_("Np. raport z badania.")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("entity_name"),
                FieldPanel("website_url"),
                FieldRowPanel([FieldPanel("publication_date"), FieldPanel("update_date")]),
            ],
            _("Podmiot i serwis"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("compliance"),
                FieldPanel("non_accessible_content"),
                FieldPanel("exemptions"),
            ],
            _("Stan dostępności cyfrowej"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("preparation_date"), FieldPanel("review_date")]),
                FieldPanel("preparation_method"),
            ],
            _("Przygotowanie deklaracji"),
        ),
        FieldPanel("keyboard_shortcuts"),
        MultiFieldPanel(
            [
                FieldPanel("feedback_contact"),
                FieldPanel("feedback_email"),
                FieldPanel("feedback_phone"),
            ],
            _("Informacje zwrotne i dane kontaktowe"),
        ),
        FieldPanel("enforcement_procedure"),
        FieldPanel("architectural_accessibility"),
        FieldPanel("mobile_apps"),
        FieldPanel("additional_info"),
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("deklaracja dostępności")
        verbose_name_plural = _("deklaracje dostępności")


class PrivacyPage(AsciiSlug, RememberedViewRestrictions, LeafPagePermissions, Page):
    """Ochrona danych osobowych: the RODO (GDPR art. 13) clause and the DPO's contact."""

    controller = models.TextField(
        _("administrator danych"), help_text=_("Kto jest administratorem, z adresem.")
    )
    dpo_email = models.EmailField(
        _("e-mail inspektora ochrony danych"), help_text=_("Np. iod@gmina.pl.")
    )
    dpo_address = models.TextField(
        _("adres inspektora ochrony danych"), blank=True, help_text=_("Adres do korespondencji.")
    )
    clause = RichTextField(
        _("klauzula informacyjna"),
        features=RICH,
        help_text=_("Pełna treść klauzuli z art. 13 RODO dla e-Urzędu."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("controller"),
        FieldPanel("dpo_email"),
        FieldPanel("dpo_address"),
        FieldPanel("clause"),
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("strona o ochronie danych")
        verbose_name_plural = _("strony o ochronie danych")
