"""Shapes of the open data (responses) and of the filters (query parameters)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cms.models import Alert, LifeSituation, NewsPage, ServiceCategory, ServicePage
from eurzad.registers.budget.models import BudgetLine
from eurzad.registers.models import Property, PropertyPhoto, RegisterDefinition, RegisterEntry

PHOTO_RENDITION = "max-800x600"  # the size the public property page shows


def _absolute(request: Any, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None and url.startswith("/") else url


# --- responses -------------------------------------------------------------------------


class LicenceSerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("Identyfikator SPDX licencji."))
    name = serializers.CharField()
    url = serializers.URLField()


class PublisherSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("Gmina – wydawca danych."))
    teryt = serializers.CharField()


class DatasetSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    formats = serializers.ListField(child=serializers.CharField())
    url = serializers.URLField()
    csv_url = serializers.URLField(allow_null=True)


class OpenDataIndexSerializer(serializers.Serializer):
    publisher = PublisherSerializer()
    licence = LicenceSerializer()
    datasets = DatasetSerializer(many=True)
    documentation = serializers.URLField(help_text=_("Opis API (OpenAPI 3)."))


class AlertSerializer(serializers.ModelSerializer):
    active = serializers.BooleanField(source="is_active", read_only=True)

    class Meta:
        model = Alert
        fields = ["id", "title", "message", "severity", "area", "valid_from", "valid_until",
                  "link_url", "active"]  # fmt: skip


class NewsSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Adres strony aktualności."))
    tags = serializers.SerializerMethodField()

    class Meta:
        model = NewsPage
        fields = ["id", "title", "date", "lead", "url", "tags"]

    def get_url(self, page: NewsPage) -> str:
        return page.get_full_url(self.context.get("request")) or ""

    def get_tags(self, page: NewsPage) -> list[str]:
        return sorted(tag.name for tag in page.tags.all())


class ServiceCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceCategory
        fields = ["slug", "name", "description"]


class LifeSituationSerializer(serializers.ModelSerializer):
    class Meta:
        model = LifeSituation
        fields = ["slug", "name"]


class ServiceLinkSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["epuap", "edoreczenia", "portal", "in_person", "post", "external"],
        help_text=_("Sposób złożenia: formularz ePUAP, e-Doręczenia, e-Urząd, osobiście…"),
    )
    # a declared field: DRF's metaclass takes it off the class
    label = serializers.CharField()  # type: ignore[assignment]
    url = serializers.CharField(allow_blank=True)


class ServiceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Adres strony usługi."))
    categories = serializers.SerializerMethodField()
    life_situations = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField(
        help_text=_("Sposoby załatwienia z odnośnikami (formularze, usługi innych instytucji).")
    )

    class Meta:
        model = ServicePage
        fields = ["id", "title", "summary", "department", "url", "categories",
                  "life_situations", "links"]  # fmt: skip

    def get_url(self, page: ServicePage) -> str:
        return page.get_full_url(self.context.get("request")) or ""

    def get_categories(self, page: ServicePage) -> list[str]:
        return [category.slug for category in page.categories.all()]

    def get_life_situations(self, page: ServicePage) -> list[str]:
        return [situation.slug for situation in page.life_situations.all()]

    @extend_schema_field(ServiceLinkSerializer(many=True))
    def get_links(self, page: ServicePage) -> list[dict[str, str]]:
        request = self.context.get("request")
        return [
            {
                "kind": block.value["kind"],
                "label": block.value["label"],
                "url": _absolute(request, block.value.get("url") or ""),
            }
            for block in page.channels
        ]


class RegisterFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    # a declared field: DRF's metaclass takes it off the class
    label = serializers.CharField()  # type: ignore[assignment]
    type = serializers.ChoiceField(choices=["text", "number", "date", "choice", "bool"])
    choices = serializers.ListField(child=serializers.CharField(), required=False)


class RegisterSerializer(serializers.ModelSerializer):
    public_fields = serializers.SerializerMethodField(
        help_text=_("Jawne pola wpisów (tylko te; innych pól API nie pokazuje).")
    )
    entries_url = serializers.SerializerMethodField()

    class Meta:
        model = RegisterDefinition
        fields = ["slug", "name", "description", "legal_basis", "public_fields", "entries_url"]

    @extend_schema_field(RegisterFieldSerializer(many=True))
    def get_public_fields(self, definition: RegisterDefinition) -> list[dict[str, Any]]:
        return [
            {key: item[key] for key in ("name", "label", "type", "choices") if key in item}
            for item in definition.public_fields
        ]

    def get_entries_url(self, definition: RegisterDefinition) -> str:
        return reverse("open:register-entries", kwargs={"slug": definition.slug},
                       request=self.context.get("request"))  # fmt: skip


class RegisterEntrySerializer(serializers.ModelSerializer):
    """An entry with its public fields only; the register comes in the context."""

    values = serializers.SerializerMethodField(
        help_text=_("Wartości jawnych pól rejestru, według nazwy pola.")
    )

    class Meta:
        model = RegisterEntry
        fields = ["number", "state", "valid_from", "valid_until", "values"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_values(self, entry: RegisterEntry) -> dict[str, Any]:
        names = self.context["public_names"]
        return {name: entry.values[name] for name in names if name in entry.values}


class AmountsSerializer(serializers.Serializer):
    planned = serializers.DecimalField(max_digits=17, decimal_places=2)
    executed = serializers.DecimalField(max_digits=17, decimal_places=2)


class BudgetYearSerializer(serializers.Serializer):
    year = serializers.IntegerField(source="budget_year.year")
    status = serializers.ChoiceField(source="budget_year.status", choices=["plan", "execution"])
    resolution_number = serializers.CharField(source="budget_year.resolution_number")
    resolution_date = serializers.DateField(source="budget_year.resolution_date", allow_null=True)
    income = AmountsSerializer()
    expenditure = AmountsSerializer()
    lines_url = serializers.SerializerMethodField()

    def get_lines_url(self, summary: Any) -> str:
        return reverse("open:budget-lines", kwargs={"year": summary.budget_year.year},
                       request=self.context.get("request"))  # fmt: skip


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["side", "dzial", "rozdzial", "paragraf", "description", "planned", "executed"]


class PropertySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Szczegóły w API (ze zdjęciami)."))

    class Meta:
        model = Property
        fields = ["id", "parcel_number", "precinct", "area_m2", "use", "offer", "address", "url"]

    def get_url(self, found: Property) -> str:
        return reverse("open:property", kwargs={"pk": found.pk},
                       request=self.context.get("request"))  # fmt: skip


class PropertyPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Zdjęcie do 800×600 px."))
    original_url = serializers.SerializerMethodField()

    class Meta:
        model = PropertyPhoto
        fields = ["url", "original_url", "caption"]

    def get_url(self, photo: PropertyPhoto) -> str:
        rendition = photo.image.get_rendition(PHOTO_RENDITION)
        return _absolute(self.context.get("request"), rendition.url)

    def get_original_url(self, photo: PropertyPhoto) -> str:
        return _absolute(self.context.get("request"), photo.image.file.url)


class PropertyDetailSerializer(serializers.ModelSerializer):
    photos = PropertyPhotoSerializer(many=True, read_only=True)
    page_url = serializers.SerializerMethodField(help_text=_("Strona nieruchomości w serwisie."))

    class Meta:
        model = Property
        fields = ["id", "parcel_number", "precinct", "area_m2", "land_register_number", "use",
                  "offer", "address", "description", "updated_at", "page_url",
                  "photos"]  # fmt: skip

    def get_page_url(self, found: Property) -> str:
        return _absolute(self.context.get("request"), f"/mienie/{found.pk}/")


# --- filters (query parameters) --------------------------------------------------------

FORMAT_CHOICES = ["json", "csv"]


class AlertFilters(serializers.Serializer):
    aktywne = serializers.BooleanField(
        required=False, allow_null=True, default=None,
        help_text=_("true: tylko obowiązujące teraz; false: tylko zakończone."),
    )  # fmt: skip


class NewsFilters(serializers.Serializer):
    tag = serializers.CharField(required=False, max_length=100)
    od = serializers.DateField(required=False, help_text=_("Od daty (RRRR-MM-DD)."))
    do = serializers.DateField(required=False, help_text=_("Do daty (RRRR-MM-DD)."))


class ServiceFilters(serializers.Serializer):
    kategoria = serializers.SlugField(required=False, max_length=80,
                                      help_text=_("Slug kategorii."))  # fmt: skip
    sytuacja = serializers.SlugField(required=False, max_length=80,
                                     help_text=_("Slug sytuacji życiowej."))  # fmt: skip


class EntryFilters(serializers.Serializer):
    q = serializers.CharField(
        required=False, max_length=100,
        help_text=_("Szuka w numerze wpisu i w jawnych polach tekstowych."),
    )  # fmt: skip


SIDES = {"dochody": "income", "wydatki": "expenditure", "income": "income",
         "expenditure": "expenditure"}  # fmt: skip


class BudgetLineFilters(serializers.Serializer):
    rodzaj = serializers.ChoiceField(
        choices=list(SIDES), required=False,
        help_text=_("dochody albo wydatki."),
    )  # fmt: skip
    dzial = serializers.RegexField(r"^\d{3}$", required=False, help_text=_("Dział: 3 cyfry."))
    rozdzial = serializers.RegexField(r"^\d{5}$", required=False,
                                      help_text=_("Rozdział: 5 cyfr."))  # fmt: skip
    paragraf = serializers.RegexField(r"^\d{4}$", required=False,
                                      help_text=_("Paragraf: 4 cyfry."))  # fmt: skip


class PropertyFiltersSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, max_length=100,
        help_text=_("Numer działki, adres, przeznaczenie lub numer księgi wieczystej."),
    )  # fmt: skip
    obreb = serializers.CharField(required=False, max_length=80, help_text=_("Obręb."))
    oferta = serializers.ChoiceField(choices=Property.Offer.values, required=False)
    pow_od = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False,
        help_text=_("Powierzchnia od (m²)."),
    )  # fmt: skip
    pow_do = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False,
        help_text=_("Powierzchnia do (m²)."),
    )  # fmt: skip

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        low, high = attrs.get("pow_od"), attrs.get("pow_do")
        if low is not None and high is not None and high < low:
            raise serializers.ValidationError(
                {"pow_do": _("Powierzchnia „do” jest mniejsza niż „od”.")}
            )
        return attrs
