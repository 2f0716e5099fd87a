"""The operator REST API (``/api/operator/v1/`` on the platform host): the same services
as the console, authenticated by an operator API token issued in the console after 2FA.
Archiving and restoring are jobs run by a worker: they answer 202 with the job, followed
at ``zadania/<id>/``. ``odsetki/`` is the platform's table of statutory interest rates."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema
from rest_framework import authentication, exceptions, generics, permissions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.problems import Problem, ProblemJSONRenderer, problem_exception_handler
from api.serializers import ProblemSerializer, checked_query
from eurzad.core.client import client_ip
from eurzad.finance.interest.models import InterestRate, InterestThreshold
from eurzad.finance.interest.table import RATE_REGIMES, THRESHOLD, histories
from tenants.console import api_tokens, jobs
from tenants.console.models import LifecycleJob, Operator
from tenants.console.services import archive, interest, lifecycle
from tenants.console.services.actions import Actor, LifecycleError
from tenants.models import Municipality


class OperatorTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer eop_…``; the token's operator must have 2FA set up."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Operator] | None:
        header = authentication.get_authorization_header(request).decode(errors="ignore")
        if not header:
            return None
        keyword, _, token = header.partition(" ")
        if keyword != self.keyword or not token:
            raise exceptions.AuthenticationFailed("Nieprawidłowy nagłówek Authorization.")
        operator = api_tokens.authenticate(token.strip())
        if operator is None:
            raise exceptions.AuthenticationFailed(
                "Nieważny token operatora (invalid or revoked token)."
            )
        return operator.user, operator

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class OperatorTokenScheme(OpenApiAuthenticationExtension):
    target_class = "tenants.console.api.OperatorTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "bearerFormat": "eop_…"}


class IsOperator(permissions.BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return isinstance(request.auth, Operator)


class OperatorApiView(APIView):
    authentication_classes = [OperatorTokenAuthentication]
    permission_classes = [IsOperator]
    renderer_classes = [JSONRenderer, ProblemJSONRenderer]
    versioning_class = None
    throttle_classes: list[Any] = []

    def get_exception_handler(self):
        return problem_exception_handler

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, LifecycleError):
            exc = Problem(409, "conflict", str(exc))
        elif isinstance(exc, ValidationError):
            exc = serializers.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            )
        return super().handle_exception(exc)

    def actor(self) -> Actor:
        operator = cast(Operator, self.request.auth)  # OperatorTokenAuthentication's
        return Actor.for_operator(operator, client_ip(self.request), "api")

    def town(self, schema_name: str) -> Municipality:
        return get_object_or_404(
            Municipality.objects.exclude(schema_name="public"), schema_name=schema_name
        )


class DomainSerializer(serializers.Serializer):
    domain = serializers.CharField()
    is_primary = serializers.BooleanField()


class TownSerializer(serializers.ModelSerializer):
    domains = DomainSerializer(many=True, read_only=True)

    class Meta:
        model = Municipality
        fields = ["schema_name", "name", "official_name", "teryt", "kind", "voivodeship",
                  "status", "domains", "created_at", "updated_at", "last_seen_at"]  # fmt: skip


class OnboardSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    official_name = serializers.CharField(max_length=200, required=False, default="")
    teryt = serializers.CharField(max_length=7)
    subdomain = serializers.CharField(max_length=253)
    schema_name = serializers.CharField(max_length=63, required=False, default="")
    theme_preset = serializers.CharField(required=False, default="")
    custom_domains = serializers.ListField(child=serializers.CharField(), required=False,
                                           default=list)  # fmt: skip
    editor_email = serializers.EmailField(required=False, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, default="", max_length=500)


class DomainsSerializer(serializers.Serializer):
    domains = serializers.ListField(child=serializers.CharField())
    primary = serializers.CharField()


class DeleteSerializer(serializers.Serializer):
    confirm_name = serializers.CharField()


class RestoreSerializer(serializers.Serializer):
    export = serializers.CharField(help_text="Nazwa pliku w ARCHIVE_ROOT.")
    schema_name = serializers.CharField(required=False, default="")


class JobSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = LifecycleJob
        fields = ["id", "url", "kind", "status", "town_schema", "town_name", "export",
                  "error", "operator_name", "channel", "created_at", "started_at",
                  "finished_at"]  # fmt: skip

    def get_url(self, job: LifecycleJob) -> str:
        return reverse("operator-api:job", kwargs={"pk": job.pk})


class TownQuery(serializers.Serializer):
    """The filters of the list of towns (400 naming the parameter when one is wrong)."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=100,
                              help_text="Nazwa, TERYT, schemat lub domena.")  # fmt: skip
    status = serializers.ChoiceField(choices=list(Municipality.Status.values), required=False)
    sortuj = serializers.ChoiceField(
        choices=list(lifecycle.TOWN_ORDERINGS), required=False, default="nazwa",
        help_text="Kolejność: nazwa, ostatnia aktywność (najnowsza lub najdawniejsza "
        "najpierw), data utworzenia.",
    )  # fmt: skip


class JobQuery(serializers.Serializer):
    gmina = serializers.CharField(required=False, allow_blank=True, max_length=63,
                                  help_text="Schemat gminy.")  # fmt: skip


class TownList(OperatorApiView, generics.ListAPIView):
    serializer_class = TownSerializer

    def get_queryset(self) -> QuerySet[Municipality]:
        params = checked_query(TownQuery, self.request)
        return lifecycle.towns(params.get("q", ""), params.get("status", ""), params["sortuj"])

    @extend_schema(parameters=[TownQuery])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=OnboardSerializer, responses={201: TownSerializer})
    def post(self, request: Request) -> Response:
        data = OnboardSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        town = lifecycle.onboard(self.actor(), lifecycle.OnboardRequest(**data.validated_data))
        return Response(TownSerializer(town).data, status=201)


class TownDetail(OperatorApiView):
    @extend_schema(responses=TownSerializer)
    def get(self, request: Request, schema_name: str) -> Response:
        return Response(TownSerializer(self.town(schema_name)).data)

    @extend_schema(request=DeleteSerializer, responses={204: None})
    def delete(self, request: Request, schema_name: str) -> Response:
        data = DeleteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        lifecycle.delete(self.actor(), self.town(schema_name), data.validated_data["confirm_name"])
        return Response(status=204)


class Suspend(OperatorApiView):
    @extend_schema(request=ReasonSerializer, responses=TownSerializer)
    def post(self, request: Request, schema_name: str) -> Response:
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        town = self.town(schema_name)
        lifecycle.suspend(self.actor(), town, data.validated_data["reason"])
        return Response(TownSerializer(town).data)


class Reactivate(OperatorApiView):
    @extend_schema(request=None, responses=TownSerializer)
    def post(self, request: Request, schema_name: str) -> Response:
        town = self.town(schema_name)
        lifecycle.reactivate(self.actor(), town)
        return Response(TownSerializer(town).data)


def _accepted(job: LifecycleJob) -> Response:
    data = JobSerializer(job).data
    return Response(data, status=202, headers={"Location": data["url"]})


class Archive(OperatorApiView):
    @extend_schema(request=None, responses={202: JobSerializer})
    def post(self, request: Request, schema_name: str) -> Response:
        return _accepted(jobs.request_archive(self.actor(), self.town(schema_name)))


class Restore(OperatorApiView):
    @extend_schema(request=RestoreSerializer, responses={202: JobSerializer})
    def post(self, request: Request) -> Response:
        data = RestoreSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = jobs.request_restore(
            self.actor(),
            archive.resolve_export(data.validated_data["export"]),
            data.validated_data["schema_name"],
        )
        return _accepted(job)


class JobList(OperatorApiView, generics.ListAPIView):
    serializer_class = JobSerializer

    def get_queryset(self) -> QuerySet[LifecycleJob]:
        lifecycle.fail_interrupted_jobs()
        result = LifecycleJob.objects.all()
        if town := checked_query(JobQuery, self.request).get("gmina"):
            result = result.filter(town_schema=town)
        return result

    @extend_schema(parameters=[JobQuery])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class JobDetail(OperatorApiView):
    @extend_schema(responses=JobSerializer)
    def get(self, request: Request, pk: int) -> Response:
        lifecycle.fail_interrupted_jobs()
        return Response(JobSerializer(get_object_or_404(LifecycleJob, pk=pk)).data)


class Domains(OperatorApiView):
    @extend_schema(request=DomainsSerializer, responses=TownSerializer)
    def put(self, request: Request, schema_name: str) -> Response:
        data = DomainsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        town = self.town(schema_name)
        lifecycle.set_domains(
            self.actor(), town, data.validated_data["domains"], data.validated_data["primary"]
        )
        return Response(TownSerializer(town).data)


# --- statutory interest rates ------------------------------------------------------------


class InterestRateSerializer(serializers.ModelSerializer):
    class Meta:
        model = InterestRate
        fields = ["id", "regime", "valid_from", "rate", "announcement", "source_url",
                  "created_by", "created_at"]  # fmt: skip


class InterestThresholdSerializer(serializers.ModelSerializer):
    class Meta:
        model = InterestThreshold
        fields = ["id", "valid_from", "amount", "announcement", "source_url", "created_by",
                  "created_at"]  # fmt: skip


class LatestChangeSerializer(serializers.Serializer):
    """The day of each table's latest row (null: the table is empty)."""

    tax = serializers.DateField(allow_null=True)
    civil = serializers.DateField(allow_null=True)
    threshold = serializers.DateField(allow_null=True)


class InterestTableSerializer(serializers.Serializer):
    rates = InterestRateSerializer(many=True, help_text="Obie tabele stawek, od najnowszej.")
    thresholds = InterestThresholdSerializer(many=True, help_text="Od najnowszej.")
    latest_change = LatestChangeSerializer(
        help_text="Dzień ostatniej zmiany każdej tabeli: gdy NBP zmienił stopy później, "
        "brakuje nowej stawki."
    )


# The values are checked by services.interest (400 with the field's Polish message).
class RateEntrySerializer(serializers.Serializer):
    regime = serializers.ChoiceField(
        choices=list(RATE_REGIMES),
        help_text="tax: odsetki za zwłokę (Ordynacja podatkowa, art. 56); civil: odsetki "
        "ustawowe za opóźnienie (Kodeks cywilny, art. 481 § 2).",
    )
    valid_from = serializers.DateField(help_text="Dzień, od którego obowiązuje (zmiana stopy NBP).")
    rate = serializers.DecimalField(max_digits=None, decimal_places=None,
                                    help_text="Stawka roczna w %, od 0.01 do 100.")  # fmt: skip
    announcement = serializers.CharField(allow_blank=True, help_text="Obwieszczenie (M.P.).")
    source_url = serializers.CharField(required=False, allow_blank=True, default="")


class ThresholdEntrySerializer(serializers.Serializer):
    valid_from = serializers.DateField()
    amount = serializers.DecimalField(max_digits=None, decimal_places=None,
                                      help_text="Kwota w zł, np. 8.70.")  # fmt: skip
    announcement = serializers.CharField(allow_blank=True)
    source_url = serializers.CharField(required=False, allow_blank=True, default="")


#: The only rate of a regime cannot be deleted (no obligation of it could be charged).
CONFLICT = {(409, "application/problem+json"): ProblemSerializer}


def _created(data: Any, name: str) -> Response:
    location = reverse(f"operator-api:{name}", kwargs={"pk": data["id"]})
    return Response(data, status=201, headers={"Location": location})


class InterestTable(OperatorApiView):
    @extend_schema(responses=InterestTableSerializer)
    def get(self, request: Request) -> Response:
        tables = {table.key: table for table in histories(timezone.localdate())}
        latest = {key: table.latest.valid_from if table.latest else None
                  for key, table in tables.items()}  # fmt: skip
        rates = InterestRate.objects.order_by("-valid_from", "regime")
        thresholds = tables[THRESHOLD].rows
        return Response(
            InterestTableSerializer(
                {"rates": rates, "thresholds": thresholds, "latest_change": latest}
            ).data
        )


class InterestRates(OperatorApiView):
    @extend_schema(request=RateEntrySerializer, responses={201: InterestRateSerializer})
    def post(self, request: Request) -> Response:
        data = RateEntrySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = interest.add_rate(self.actor(), interest.RateEntry(**data.validated_data))
        return _created(InterestRateSerializer(row).data, "interest-rate")


class InterestRateDetail(OperatorApiView):
    @extend_schema(responses=InterestRateSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(InterestRateSerializer(get_object_or_404(InterestRate, pk=pk)).data)

    @extend_schema(request=RateEntrySerializer, responses=InterestRateSerializer)
    def put(self, request: Request, pk: int) -> Response:
        row = get_object_or_404(InterestRate, pk=pk)
        data = RateEntrySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        interest.correct_rate(self.actor(), row, interest.RateEntry(**data.validated_data))
        return Response(InterestRateSerializer(row).data)

    @extend_schema(request=ReasonSerializer, responses={204: None, **CONFLICT})
    def delete(self, request: Request, pk: int) -> Response:
        row = get_object_or_404(InterestRate, pk=pk)
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        interest.delete_rate(self.actor(), row, data.validated_data["reason"])
        return Response(status=204)


class InterestThresholds(OperatorApiView):
    @extend_schema(request=ThresholdEntrySerializer, responses={201: InterestThresholdSerializer})
    def post(self, request: Request) -> Response:
        data = ThresholdEntrySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = interest.add_threshold(self.actor(), interest.ThresholdEntry(**data.validated_data))
        return _created(InterestThresholdSerializer(row).data, "interest-threshold")


class InterestThresholdDetail(OperatorApiView):
    @extend_schema(responses=InterestThresholdSerializer)
    def get(self, request: Request, pk: int) -> Response:
        row = get_object_or_404(InterestThreshold, pk=pk)
        return Response(InterestThresholdSerializer(row).data)

    @extend_schema(request=ThresholdEntrySerializer, responses=InterestThresholdSerializer)
    def put(self, request: Request, pk: int) -> Response:
        row = get_object_or_404(InterestThreshold, pk=pk)
        data = ThresholdEntrySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = interest.ThresholdEntry(**data.validated_data)
        interest.correct_threshold(self.actor(), row, entry)
        return Response(InterestThresholdSerializer(row).data)

    @extend_schema(request=ReasonSerializer, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        row = get_object_or_404(InterestThreshold, pk=pk)
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        interest.delete_threshold(self.actor(), row, data.validated_data["reason"])
        return Response(status=204)
