"""The service catalogue (Katalog usług): categories, life situations and services."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import SubmissionChannelBlock
from cms.filters import QueryFormPage, ServiceCatalogueQuery
from cms.models.permissions import LeafPagePermissions
from cms.models.slugs import AsciiSlug
from cms.models.view_restrictions import RememberedViewRestrictions
from eurzad.core.requests import TenantRequest

RICH = ["bold", "italic", "link", "ol", "ul", "document-link"]


class ServiceCategory(models.Model):
    name = models.CharField(_("nazwa"), max_length=80, help_text=_("Np. „Podatki i opłaty”."))
    slug = models.SlugField(
        _("adres (slug)"), max_length=80, unique=True, help_text=_("Używany w adresie filtra.")
    )
    description = models.CharField(
        _("opis"), max_length=200, blank=True, help_text=_("Jedno zdanie o tej kategorii.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = _("kategoria usług")
        verbose_name_plural = _("kategorie usług")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LifeSituation(models.Model):
    name = models.CharField(
        _("nazwa"), max_length=80, help_text=_("Np. „Przeprowadzka”, „Zakładam firmę”.")
    )
    slug = models.SlugField(
        _("adres (slug)"), max_length=80, unique=True, help_text=_("Używany w adresie filtra.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("sytuacja życiowa")
        verbose_name_plural = _("sytuacje życiowe")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceCatalogueIndexPage(
    AsciiSlug, QueryFormPage, RememberedViewRestrictions, LeafPagePermissions, Page
):
    """Katalog usług: every service, filterable by category and life situation, searchable."""

    intro = models.TextField(
        _("wprowadzenie"), blank=True, help_text=_("Zdanie nad katalogiem usług.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.ServicePage"]
    max_count_per_parent = 1
    query_form = ServiceCatalogueQuery

    class Meta:
        verbose_name = _("katalog usług")
        verbose_name_plural = _("katalogi usług")

    def get_context(self, request: TenantRequest, *args: object, **kwargs: object) -> dict:
        context = super().get_context(request, *args, **kwargs)
        filters = self.checked_query(request).filters
        query, category, situation = filters["q"], filters["kategoria"], filters["sytuacja"]
        # Imported here: cms.catalogue queries this module's models.
        from cms.catalogue import find_services, life_situations, service_categories

        context.update(
            services=find_services(
                self,
                catalogue_url=self.get_url(request),
                query=query,
                category=category,
                situation=situation,
            ),
            # The filters' choices: remembered per town until an editor changes one.
            categories=service_categories(),
            life_situations=life_situations(),
            query=query,
            selected_category=category,
            selected_situation=situation,
        )
        return context


class ServicePage(AsciiSlug, RememberedViewRestrictions, LeafPagePermissions, Page):
    """One service of the office: what, who, documents, fees, deadlines, how to submit."""

    summary = models.CharField(
        _("w skrócie"),
        max_length=250,
        help_text=_("Jedno zdanie: czego dotyczy usługa. Pokazywane w katalogu i wyszukiwarce."),
    )
    purpose = RichTextField(
        _("do czego służy"), features=RICH, help_text=_("Co załatwisz dzięki tej usłudze.")
    )
    eligibility = RichTextField(
        _("kto może skorzystać"), features=RICH, blank=True, help_text=_("Kto składa wniosek.")
    )
    documents = RichTextField(
        _("potrzebne dokumenty"),
        features=RICH,
        blank=True,
        help_text=_("Lista dokumentów i formularzy, najlepiej jako lista punktowana."),
    )
    fees = RichTextField(
        _("opłaty"), features=RICH, blank=True, help_text=_("Ile kosztuje i jak zapłacić.")
    )
    deadlines = RichTextField(
        _("terminy"),
        features=RICH,
        blank=True,
        help_text=_("Do kiedy złożyć i ile urząd ma czasu na odpowiedź."),
    )
    channels = StreamField(
        [("channel", SubmissionChannelBlock())],
        blank=True,
        verbose_name=_("jak załatwić"),
        help_text=_("Sposoby złożenia: formularz ePUAP, e-Doręczenia, e-Urząd, osobiście…"),
    )
    legal_basis = RichTextField(
        _("podstawa prawna"), features=RICH, blank=True, help_text=_("Ustawy i uchwały.")
    )
    department = models.CharField(
        _("komórka odpowiedzialna"),
        max_length=160,
        blank=True,
        help_text=_("Np. „Referat Podatków i Opłat, pokój 12”."),
    )
    categories = ParentalManyToManyField(
        ServiceCategory,
        blank=True,
        related_name="services",
        verbose_name=_("kategorie"),
        help_text=_("Kategorie katalogu, w których usługa się pojawi."),
    )
    life_situations = ParentalManyToManyField(
        LifeSituation,
        blank=True,
        related_name="services",
        verbose_name=_("sytuacje życiowe"),
        help_text=_("Sytuacje, w których mieszkaniec szuka tej usługi."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("purpose"),
        FieldPanel("eligibility"),
        FieldPanel("documents"),
        FieldPanel("fees"),
        FieldPanel("deadlines"),
        FieldPanel("channels"),
        FieldPanel("legal_basis"),
        FieldPanel("department"),
        MultiFieldPanel(
            [FieldPanel("categories"), FieldPanel("life_situations")], _("Miejsce w katalogu")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("documents"),
        index.SearchField("legal_basis"),
    ]
    parent_page_types = ["cms.ServiceCatalogueIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("usługa")
        verbose_name_plural = _("usługi")


#: A service's long texts: left out of lists of services, which show none of them.
SERVICE_TEXTS = (
    "purpose", "eligibility", "documents", "fees", "deadlines", "channels", "legal_basis"
)  # fmt: skip
