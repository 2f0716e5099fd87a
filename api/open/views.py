"""``/api/v1/otwarte-dane/``: the town's public data, read-only, without logging in.

Every list answers in JSON (in pages, ``?strona=&na_stronie=``) or, for ``?format=csv`` or
``Accept: text/csv``, as a CSV file of the whole filtered list, streamed from a database
iterator. Everything is the host's town only (the schema is the town) and only what the
town's public pages show: live pages, public registers and their public fields, visible
property. Answers may be cached for five minutes; JSON carries a strong ETag."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django_tenants.utils import tenant_context
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, ListAPIView, RetrieveAPIView
from rest_framework.pagination import BasePagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from api.open import queries
from api.open.datasets import DATASETS, licence
from api.open.renderers import CSVRenderer, CsvTable
from api.open.serializers import (
    SIDES,
    AlertFilters,
    AlertSerializer,
    BudgetLineFilters,
    BudgetLineSerializer,
    BudgetYearSerializer,
    EntryFilters,
    LifeSituationSerializer,
    NewsFilters,
    NewsSerializer,
    OpenDataIndexSerializer,
    PropertyDetailSerializer,
    PropertyFiltersSerializer,
    PropertySerializer,
    RegisterEntrySerializer,
    RegisterSerializer,
    ServiceCategorySerializer,
    ServiceFilters,
    ServiceSerializer,
)
from api.pagination import Pages
from api.problems import ProblemJSONRenderer
from api.throttling import AnonymousThrottle
from eurzad.core.postgresql.connection import connection
from eurzad.registers.budget.models import BudgetLine, BudgetYear
from eurzad.registers.budget.queries import CSV_COLUMNS, CSV_SIDES, YearSummary, year_summaries
from eurzad.registers.models import Property, RegisterDefinition, RegisterEntry
from eurzad.registers.queries import (
    PropertyFilters,
    public_entries,
    public_registers,
    search_properties,
)

MAX_AGE = 300  # seconds a client or proxy may keep an answer
CSV_CHUNK = 2000  # rows fetched from the database at a time

TAG = "otwarte dane"
FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "csv"], required=False,
    description="csv: cała przefiltrowana lista jako plik CSV (bez stronicowania). "
    "To samo daje nagłówek Accept: text/csv.",
)  # fmt: skip


class OpenDataView(GenericAPIView):
    """Anyone may read; calls are counted per client address; answers are public and
    cacheable for five minutes."""

    authentication_classes: Sequence[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousThrottle]
    renderer_classes = [JSONRenderer]
    pagination_class: type[BasePagination] | None = Pages

    # DRF passes Django's own responses (the CSV stream) through; its stubs say Response
    def finalize_response(  # type: ignore[override]
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if (
            isinstance(response, Response)
            and response.exception
            and isinstance(getattr(request, "accepted_renderer", None), CSVRenderer)
        ):
            # An error is a problem document even when a CSV file was asked for.
            request.accepted_renderer = ProblemJSONRenderer()
            request.accepted_media_type = ProblemJSONRenderer.media_type
        # a Django response too (the stubs again, as above)
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[arg-type]
        if response.status_code != 200:
            return response
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        patch_vary_headers(response, ["Accept", "Accept-Language"])
        if isinstance(response, Response):
            response.render()
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
            # None only when no response is given
            return (
                get_conditional_response(request._request, etag=response["ETag"], response=response)
                or response
            )
        return response


class OpenDataList(OpenDataView, ListAPIView):
    """A dataset: filters from the query string (checked, a clear error when wrong), the
    page of JSON, or the whole filtered list as CSV."""

    renderer_classes = [JSONRenderer, CSVRenderer]
    filters_class: type[serializers.Serializer] | None = None
    csv_name = "dane"

    def filters(self) -> dict[str, Any]:
        if self.filters_class is None:
            return {}
        if not hasattr(self, "_filters"):
            checked = self.filters_class(data=self.request.query_params)
            checked.is_valid(raise_exception=True)
            self._filters = checked.validated_data
        return self._filters

    def filter_queryset(self, queryset: Any) -> Any:
        return self.apply_filters(queryset, self.filters())

    def apply_filters(self, queryset: Any, filters: dict[str, Any]) -> Any:
        return queryset

    def csv_header(self) -> list[str]:
        raise NotImplementedError

    def csv_row(self, item: Any) -> list[Any]:
        raise NotImplementedError

    def csv_filename(self) -> str:
        return f"{connection.schema_name}-{self.csv_name}.csv"

    # DRF passes Django's own responses (the CSV stream) through; its stubs say Response
    def list(  # type: ignore[override]
        self, request: Request, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        queryset = self.filter_queryset(self.get_queryset())
        if isinstance(request.accepted_renderer, CSVRenderer):
            table = CsvTable(self.csv_header(), self._rows(queryset, connection.tenant))
            response = StreamingHttpResponse(
                request.accepted_renderer.stream(table), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{self.csv_filename()}"'
            return response
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _rows(self, items: Iterable[Any], tenant: Any) -> Iterator[Sequence[Any]]:
        """Rows read in chunks while the file is sent, in the request's town's schema even
        when the server streams after the request's middleware has finished."""
        with tenant_context(tenant):
            if isinstance(items, QuerySet):
                items = items.iterator(chunk_size=CSV_CHUNK)
            for item in items:
                yield self.csv_row(item)


def _dataset_schema(filters: type[serializers.Serializer] | None = None, **extra: Any) -> Any:
    """The list's schema: its filters, a page of JSON, or the whole list as CSV."""
    parameters: list[Any] = [FORMAT_PARAMETER]
    if filters is not None:
        parameters.insert(0, filters)

    def decorate(view: type[OpenDataList]) -> type[OpenDataList]:
        assert view.serializer_class is not None, f"{view.__name__} has no serializer_class"
        responses = {
            (200, "application/json"): view.serializer_class(many=True),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="Plik CSV: separator ;, UTF-8, wiersz nagłówka, cała lista.",
            ),
        }
        schema = extend_schema(tags=[TAG], parameters=parameters, responses=responses, **extra)
        return schema(view)

    return decorate


# --- index -----------------------------------------------------------------------------


class OpenDataIndexView(OpenDataView):
    """The datasets of the town, their formats and the licence."""

    serializer_class = OpenDataIndexSerializer
    pagination_class = None

    @extend_schema(tags=[TAG], summary="Spis zbiorów otwartych danych gminy")
    def get(self, request: Request) -> Response:
        town = connection.tenant
        datasets = []
        for dataset in DATASETS:
            url = reverse(f"open:{dataset.url_name}", request=request)
            datasets.append(
                {
                    "id": dataset.id,
                    "title": dataset.title(),
                    "description": dataset.description(),
                    "formats": ["json", "csv"],
                    "url": url,
                    "csv_url": f"{url}?format=csv",
                }
            )
        body = {
            "publisher": {"name": str(town), "teryt": getattr(town, "teryt", "")},
            "licence": licence(),
            "datasets": datasets,
            "documentation": reverse("schema", request=request),
        }
        return Response(self.get_serializer(body).data)


# --- alerts and news -------------------------------------------------------------------


@_dataset_schema(AlertFilters, summary="Ostrzeżenia (obowiązujące i z ostatnich 30 dni)")
class AlertList(OpenDataList):
    serializer_class = AlertSerializer
    filters_class = AlertFilters
    csv_name = "ostrzezenia"

    def get_queryset(self) -> QuerySet:
        return queries.published_alerts()

    def apply_filters(self, queryset: QuerySet, filters: dict[str, Any]) -> QuerySet:
        active = filters.get("aktywne")
        if active is None:
            return queryset
        moment = timezone.now()
        if active:
            return queryset.filter(valid_until__gt=moment)
        return queryset.filter(valid_until__lte=moment)

    def csv_header(self) -> list[str]:
        return ["id", "title", "message", "severity", "area", "valid_from", "valid_until",
                "link_url", "active"]  # fmt: skip

    def csv_row(self, alert: Any) -> list[Any]:
        return [alert.pk, alert.title, alert.message, alert.severity, alert.area,
                alert.valid_from.isoformat(), alert.valid_until.isoformat(), alert.link_url,
                alert.is_active]  # fmt: skip


@_dataset_schema(NewsFilters, summary="Aktualności")
class NewsList(OpenDataList):
    serializer_class = NewsSerializer
    filters_class = NewsFilters
    csv_name = "aktualnosci"

    def get_queryset(self) -> QuerySet:
        return queries.published_news(self.request)

    def apply_filters(self, queryset: QuerySet, filters: dict[str, Any]) -> QuerySet:
        if filters.get("tag"):
            queryset = queryset.filter(tags__name=filters["tag"])
        if filters.get("od"):
            queryset = queryset.filter(date__gte=filters["od"])
        if filters.get("do"):
            queryset = queryset.filter(date__lte=filters["do"])
        return queryset

    def csv_header(self) -> list[str]:
        return ["id", "title", "date", "lead", "url", "tags"]

    def csv_row(self, page: Any) -> list[Any]:
        tags = sorted(tag.name for tag in page.tags.all())
        return [page.pk, page.title, page.date.isoformat(), page.lead,
                page.get_full_url(self.request), tags]  # fmt: skip


# --- service catalogue -----------------------------------------------------------------


@_dataset_schema(summary="Kategorie katalogu usług")
class ServiceCategoryList(OpenDataList):
    serializer_class = ServiceCategorySerializer
    csv_name = "kategorie-uslug"

    def get_queryset(self) -> QuerySet:
        return queries.service_categories()

    def csv_header(self) -> list[str]:
        return ["slug", "name", "description"]

    def csv_row(self, category: Any) -> list[Any]:
        return [category.slug, category.name, category.description]


@_dataset_schema(summary="Sytuacje życiowe katalogu usług")
class LifeSituationList(OpenDataList):
    serializer_class = LifeSituationSerializer
    csv_name = "sytuacje-zyciowe"

    def get_queryset(self) -> QuerySet:
        return queries.life_situations()

    def csv_header(self) -> list[str]:
        return ["slug", "name"]

    def csv_row(self, situation: Any) -> list[Any]:
        return [situation.slug, situation.name]


@_dataset_schema(ServiceFilters, summary="Katalog usług")
class ServiceList(OpenDataList):
    serializer_class = ServiceSerializer
    filters_class = ServiceFilters
    csv_name = "katalog-uslug"

    def get_queryset(self) -> QuerySet:
        return queries.published_services(self.request)

    def apply_filters(self, queryset: QuerySet, filters: dict[str, Any]) -> QuerySet:
        if filters.get("kategoria"):
            queryset = queryset.filter(categories__slug=filters["kategoria"])
        if filters.get("sytuacja"):
            queryset = queryset.filter(life_situations__slug=filters["sytuacja"])
        return queryset

    def csv_header(self) -> list[str]:
        return ["id", "title", "summary", "department", "url", "categories",
                "life_situations", "links"]  # fmt: skip

    def csv_row(self, page: Any) -> list[Any]:
        data = ServiceSerializer(page, context=self.get_serializer_context()).data
        links = [f"{link['label']}: {link['url']}" if link["url"] else link["label"]
                 for link in data["links"]]  # fmt: skip
        return [data["id"], data["title"], data["summary"], data["department"], data["url"],
                data["categories"], data["life_situations"], links]  # fmt: skip


# --- registers -------------------------------------------------------------------------


@_dataset_schema(summary="Rejestry publiczne i ich jawne pola")
class RegisterList(OpenDataList):
    serializer_class = RegisterSerializer
    csv_name = "rejestry"

    def get_queryset(self) -> QuerySet:
        return public_registers()

    def csv_header(self) -> list[str]:
        return ["slug", "name", "description", "legal_basis", "public_fields", "entries_url"]

    def csv_row(self, definition: Any) -> list[Any]:
        entries = reverse("open:register-entries", kwargs={"slug": definition.slug},
                          request=self.request)  # fmt: skip
        return [definition.slug, definition.name, definition.description,
                definition.legal_basis, [item["name"] for item in definition.public_fields],
                entries]  # fmt: skip


@extend_schema(tags=[TAG], summary="Rejestr publiczny")
class RegisterDetail(OpenDataView, RetrieveAPIView):
    serializer_class = RegisterSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet:
        return public_registers()


class _RegisterEntries:
    """The public register named in the URL; its public field names for the serializer."""

    kwargs: dict[str, Any]

    def definition(self) -> RegisterDefinition:
        if not hasattr(self, "_definition"):
            self._definition = get_object_or_404(public_registers(), slug=self.kwargs["slug"])
        return self._definition

    def public_names(self) -> list[str]:
        return [item["name"] for item in self.definition().public_fields]


@_dataset_schema(EntryFilters, summary="Wpisy rejestru publicznego (tylko pola jawne)")
class RegisterEntryList(_RegisterEntries, OpenDataList):
    serializer_class = RegisterEntrySerializer
    filters_class = EntryFilters

    def get_queryset(self) -> QuerySet:
        return public_entries(self.definition(), self.filters().get("q", ""))

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if "slug" in self.kwargs:
            context["public_names"] = self.public_names()
        return context

    def csv_filename(self) -> str:
        return f"{connection.schema_name}-rejestr-{self.definition().slug}.csv"

    def csv_header(self) -> list[str]:
        return ["number", "state", "valid_from", "valid_until", *self.public_names()]

    def csv_row(self, entry: Any) -> list[Any]:
        day = [entry.valid_from, entry.valid_until]
        return [entry.number, entry.state, *(d.isoformat() if d else "" for d in day),
                *(entry.values.get(name) for name in self.public_names())]  # fmt: skip


@extend_schema(tags=[TAG], summary="Wpis rejestru publicznego (tylko pola jawne)")
class RegisterEntryDetail(_RegisterEntries, OpenDataView):
    serializer_class = RegisterEntrySerializer

    def get(self, request: Request, slug: str, number: str) -> Response:
        entry = get_object_or_404(RegisterEntry, definition=self.definition(), number=number)
        context = {**self.get_serializer_context(), "public_names": self.public_names()}
        return Response(RegisterEntrySerializer(entry, context=context).data)


# --- budget ----------------------------------------------------------------------------


@_dataset_schema(summary="Lata budżetowe z sumami dochodów i wydatków")
class BudgetYearList(OpenDataList):
    serializer_class = BudgetYearSerializer
    csv_name = "budzet"

    # a list, not a QuerySet: the sums are computed; DRF lists and pages any sequence
    def get_queryset(self) -> list[YearSummary]:  # type: ignore[override]
        return year_summaries()

    def csv_header(self) -> list[str]:
        return ["year", "status", "resolution_number", "resolution_date", "income_planned",
                "income_executed", "expenditure_planned", "expenditure_executed"]  # fmt: skip

    def csv_row(self, summary: Any) -> list[Any]:
        year = summary.budget_year
        adopted = year.resolution_date.isoformat() if year.resolution_date else ""
        return [year.year, year.status, year.resolution_number, adopted,
                summary.income.planned, summary.income.executed,
                summary.expenditure.planned, summary.expenditure.executed]  # fmt: skip


@extend_schema(tags=[TAG], summary="Rok budżetowy z sumami")
class BudgetYearDetail(OpenDataView):
    serializer_class = BudgetYearSerializer

    def get(self, request: Request, year: int) -> Response:
        found = [summary for summary in year_summaries() if summary.budget_year.year == year]
        if not found:
            raise Http404
        return Response(self.get_serializer(found[0]).data)


@_dataset_schema(BudgetLineFilters, summary="Pozycje budżetu roku (plan i wykonanie)")
class BudgetLineList(OpenDataList):
    serializer_class = BudgetLineSerializer
    filters_class = BudgetLineFilters

    def budget_year(self) -> BudgetYear:
        if not hasattr(self, "_budget_year"):
            self._budget_year = get_object_or_404(BudgetYear, year=self.kwargs["year"])
        return self._budget_year

    def get_queryset(self) -> QuerySet:
        return BudgetLine.objects.filter(budget_year=self.budget_year()).order_by(
            "side", "rozdzial", "paragraf"
        )

    def apply_filters(self, queryset: QuerySet, filters: dict[str, Any]) -> QuerySet:
        if filters.get("rodzaj"):
            queryset = queryset.filter(side=SIDES[filters["rodzaj"]])
        for level in ("dzial", "rozdzial", "paragraf"):
            if filters.get(level):
                queryset = queryset.filter(**{level: filters[level]})
        return queryset

    def csv_filename(self) -> str:
        return f"{connection.schema_name}-budzet-{self.budget_year().year}.csv"

    def csv_header(self) -> list[str]:
        return list(CSV_COLUMNS)

    def csv_row(self, line: Any) -> list[Any]:
        # The budget import's format: the file can be read back in.
        return [CSV_SIDES[line.side], *(getattr(line, name) for name in CSV_COLUMNS[1:])]


# --- property --------------------------------------------------------------------------


@_dataset_schema(PropertyFiltersSerializer, summary="Mienie gminy (wyszukiwarka)")
class PropertyList(OpenDataList):
    serializer_class = PropertySerializer
    filters_class = PropertyFiltersSerializer
    csv_name = "mienie"

    def get_queryset(self) -> QuerySet:
        filters = self.filters()
        return search_properties(
            PropertyFilters(
                precinct=filters.get("obreb", "").strip(),
                offer=filters.get("oferta", ""),
                area_min=filters.get("pow_od"),
                area_max=filters.get("pow_do"),
                text=filters.get("q", "").strip(),
            )
        )

    def csv_header(self) -> list[str]:
        return ["id", "parcel_number", "precinct", "area_m2", "use", "offer", "address"]

    def csv_row(self, found: Any) -> list[Any]:
        return [found.pk, found.parcel_number, found.precinct, found.area_m2, found.use,
                found.offer, found.address]  # fmt: skip


@extend_schema(tags=[TAG], summary="Nieruchomość gminy ze zdjęciami")
class PropertyDetail(OpenDataView, RetrieveAPIView):
    serializer_class = PropertyDetailSerializer

    def get_queryset(self) -> QuerySet:
        return Property.objects.filter(published=True).prefetch_related("photos__image__renditions")
