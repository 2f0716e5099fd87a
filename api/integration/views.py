"""Views of the integration API: thin, the work is in :mod:`upserts` and :mod:`feeds`."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.integration import serializers as s
from api.integration.authentication import ApiKeyAuthentication
from api.integration.feeds import BadCursor, read_feed
from api.integration.permissions import HasScope
from api.integration.upserts import MAX_ITEMS, upsert
from api.models import ApiClient, Scope
from api.problems import Problem
from api.throttling import IntegrationThrottle


class IntegrationView(APIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [IntegrationThrottle]
    required_scope: ClassVar[str]


class UpsertView(IntegrationView):
    """``POST {"items": [...]}``: each item imported, updated, unchanged or rejected."""

    kind: ClassVar[str]

    def items(self, request: Request) -> list[Any]:
        data = request.data
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise serializers.ValidationError(
                {"items": [_("Wyślij obiekt JSON z tablicą „items”.")]}
            )
        items = data["items"]
        if len(items) > MAX_ITEMS:
            raise Problem(
                413,
                "too-many-items",
                _("Najwyżej %(max)d pozycji w jednym wywołaniu; podziel dane na części.")
                % {"max": MAX_ITEMS},
                {"max_items": MAX_ITEMS, "received": len(items)},
            )
        return items

    def upsert(self, request: Request, **kwargs: Any) -> Response:
        client = cast(ApiClient, request.auth)  # ApiKeyAuthentication's
        outcome = upsert(self.kind, self.items(request), source=client.source, **kwargs)
        body = {
            "source": client.source,
            "totals": outcome.totals,
            "items": [item.__dict__ for item in outcome.items],
        }
        return Response(s.UpsertResultSerializer(body).data)


class ItemsUpsertView(UpsertView):
    """An upsert of one kind of item, at its own address (no path parameters)."""

    def post(self, request: Request) -> Response:
        return self.upsert(request)


def _upsert_view(name: str, kind: str, scope: str, item: type, summary: str) -> type[UpsertView]:
    view = type(
        name, (ItemsUpsertView,), {"kind": kind, "required_scope": scope, "__doc__": summary}
    )
    schema = extend_schema(
        summary=summary,
        request=s.upsert_request(name, item),
        responses={200: s.UpsertResultSerializer},
        tags=["integracja"],
    )
    return extend_schema_view(post=schema)(view)


PartiesUpsert = _upsert_view(
    "PartiesUpsert", "parties", Scope.PARTIES, s.PartyItem, "Strony: dodaj lub zaktualizuj (upsert)"
)
ObligationsUpsert = _upsert_view(
    "ObligationsUpsert", "obligations", Scope.FINANCE, s.ObligationItem, "Zobowiązania: upsert"
)
ComponentsUpsert = _upsert_view(
    "ComponentsUpsert", "components", Scope.FINANCE, s.ComponentItem, "Składniki zobowiązań: upsert"
)
InstallmentsUpsert = _upsert_view(
    "InstallmentsUpsert", "installments", Scope.FINANCE, s.InstallmentItem, "Raty: upsert"
)
PaymentsUpsert = _upsert_view(
    "PaymentsUpsert",
    "payments",
    Scope.FINANCE,
    s.PaymentItem,
    "Wpłaty: zaksięguj (raz na source + external_id)",
)
BalancesUpsert = _upsert_view(
    "BalancesUpsert",
    "balances",
    Scope.FINANCE,
    s.AccountBalanceItem,
    "Rozliczenia (salda) lat według rodzajów: upsert",
)
CasesUpsert = _upsert_view(
    "CasesUpsert",
    "cases",
    Scope.CASES,
    s.CaseItem,
    "Sprawy: upsert (zmiana statusu powiadamia strony)",
)
RegisterEntriesUpsert = _upsert_view(
    "RegisterEntriesUpsert",
    "register-entries",
    Scope.REGISTERS,
    s.RegisterEntryItem,
    "Wpisy w rejestrach: upsert",
)
PropertyUpsert = _upsert_view(
    "PropertyUpsert", "property", Scope.PROPERTY, s.PropertyItem, "Mienie gminy: upsert"
)


FIRST_BUDGET_YEAR, LAST_BUDGET_YEAR = 2000, 2100
BUDGET_YEAR_PARAMETER = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": FIRST_BUDGET_YEAR, "maximum": LAST_BUDGET_YEAR},
    OpenApiParameter.PATH,
    description="Rok budżetu, 2000–2100 (inny: 404).",
)


class BudgetUpsert(UpsertView):
    """Pozycje budżetu roku: upsert po (strona, rozdział, paragraf)."""

    kind = "budget"
    required_scope = Scope.BUDGET

    @extend_schema(
        summary="Budżet roku: upsert pozycji planu i wykonania",
        parameters=[BUDGET_YEAR_PARAMETER],
        request=s.upsert_request("BudgetUpsert", s.BudgetLineItem),
        responses={200: s.UpsertResultSerializer},
        tags=["integracja"],
    )
    def post(self, request: Request, year: int) -> Response:
        if not FIRST_BUDGET_YEAR <= year <= LAST_BUDGET_YEAR:
            raise Problem(404, "not-found", _("Rok budżetu spoza zakresu 2000–2100."))
        return self.upsert(request, year=year)


class FeedView(IntegrationView):
    stream: ClassVar[str]

    def get(self, request: Request) -> Response:
        query = s.FeedQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            page = read_feed(
                self.stream,
                cast(ApiClient, request.auth),
                query.validated_data.get("since", ""),
                query.validated_data["limit"],
            )
        except BadCursor as error:
            raise serializers.ValidationError({"since": [str(error)]}) from None
        return Response({"items": page.items, "next": page.next, "has_more": page.has_more})


FEED_PARAMETERS = [s.FeedQuerySerializer]


def _feed_schema(summary: str, page: type[serializers.Serializer]) -> Any:
    """The OpenAPI description of a feed's GET: its cursor parameters and its page."""
    return extend_schema_view(
        get=extend_schema(
            summary=summary, parameters=FEED_PARAMETERS, responses={200: page}, tags=["integracja"]
        )
    )


@_feed_schema("Strumień wpłat internetowych", s.PaymentFeedPage)
class PaymentFeed(FeedView):
    """Wpłaty internetowe zaksięgowane w portalu, z rozliczeniem na raty."""

    stream = "payments"
    required_scope = Scope.FINANCE


@_feed_schema("Strumień wniosków o dostęp", s.AccessRequestFeedPage)
class AccessRequestFeed(FeedView):
    """Wnioski o dostęp złożone i rozpatrzone."""

    stream = "access-requests"
    required_scope = Scope.ACCESS_REQUESTS


@_feed_schema("Strumień złożonych wniosków e-usług", s.SubmissionFeedPage)
class SubmissionFeed(FeedView):
    """Wnioski złożone w portalu (submission.filed); treść: wnioski/{id}/."""

    stream = "submissions"
    required_scope = Scope.SUBMISSIONS
