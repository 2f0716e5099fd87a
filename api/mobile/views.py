"""``/api/v1/mobile/…``: the resident's phone. Thin views over the domain's services and
queries; every resident endpoint acts for the resident's own Party, or for a represented
Party named by ``?strona_id=`` (checked against live mandates on every request)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import DeviceTokenAuthentication
from api.mobile import serializers as s
from api.mobile import services
from api.mobile.queries import ObligationsQuery, PartyQuery, ServicesQuery
from api.permissions import IsPairedDevice
from api.problems import Problem, problem_response
from api.serializers import ProblemSerializer, checked_query
from api.throttling import AnonymousThrottle, DeviceThrottle, PairingThrottle
from cms.models import Alert
from eurzad.cases.queries import case_of, cases_of
from eurzad.core.requests import TenantRequest
from eurzad.finance.debts import debts_on
from eurzad.finance.gateways.models import PaymentIntent
from eurzad.finance.gateways.services import Item, PaymentRefused, start_payment
from eurzad.finance.queries import (
    obligation_of,
    obligation_overview,
    payable_installments,
    payment_of,
    payments_of,
    payments_settling,
    transfer_title,
)
from eurzad.finance.services import balance
from eurzad.identity.acting import may_pay_for
from eurzad.identity.models import MobileDevice, Resident
from eurzad.identity.pin import PairingLocked, revoke_device
from eurzad.identity.representation import parties_for
from eurzad.notifications.models import Notification
from eurzad.notifications.services import mark_read, unread_count
from eurzad.parties.models import Party
from themes.models import BrandingSettings

PROBLEM = "application/problem+json"


def _problems(*codes: int) -> dict[Any, Any]:
    return {(code, PROBLEM): ProblemSerializer for code in codes}


def for_acting_party(operation_id: str, summary: str, response: Any, description: str) -> Any:
    """The OpenAPI description of a GET on the acting Party's data (``?strona_id=``):
    its errors are those of choosing the Party (400, 403, 404) and of the token (401)."""
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description,
        parameters=[PartyQuery],
        responses={200: response, **_problems(400, 401, 403, 404)},
        tags=["mobile"],
    )


# ---------------------------------------------------------------- base classes


class MobileView(APIView):
    """A view of the mobile API; it answers in the language of ``Accept-Language``
    (api.middleware.ApiLanguageMiddleware)."""


class PublicView(MobileView):
    """What anyone may read about the town of the host: no credentials."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousThrottle]


class ResidentView(MobileView):
    """A paired phone acting for its resident (``Authorization: Bearer <token>``)."""

    authentication_classes = [DeviceTokenAuthentication]
    permission_classes = [IsPairedDevice]
    throttle_classes = [DeviceThrottle]

    @property
    def device(self) -> MobileDevice:
        return cast(MobileDevice, self.request.auth)  # DeviceTokenAuthentication's

    @property
    def resident(self) -> Resident:
        return self.device.resident

    def acting_party(self) -> Party:
        """The Party this request acts for; 400, 403 or 404 as a problem otherwise."""
        party_id = checked_query(PartyQuery, self.request).get("strona_id")
        try:
            return services.acting_party(self.resident, party_id)
        except services.PartyNotFound:
            raise Problem(404, "party-not-found", _("Nie znaleziono takiej strony.")) from None
        except services.NotRepresented as refusal:
            detail = (
                _("Twoje upoważnienie do działania w imieniu tej strony wygasło lub odwołano je.")
                if refusal.expired
                else _("Nie masz upoważnienia do działania w imieniu tej strony.")
            )
            raise Problem(403, "not-represented", detail) from None


class ResidentListView(ResidentView, generics.ListAPIView):
    """A paginated list (``?strona=&na_stronie=``) for a paired phone."""


def _not_found() -> Problem:
    return Problem(404, "not-found", _("Nie znaleziono."))


# ---------------------------------------------------------------- pairing and the device


class PairView(MobileView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PairingThrottle]

    @extend_schema(
        operation_id="mobile_pair",
        summary="Sparuj telefon (PESEL + PIN)",
        description=(
            "Wymienia PESEL i PIN ustawiony w portalu na token urządzenia (pokazywany raz). "
            "Błędny PESEL i błędny PIN dają tę samą odpowiedź 401; po 5 błędnych PIN-ach "
            "parowanie jest zablokowane na 15 minut (423, nagłówek Retry-After). Gdy "
            "licznika prób nie da się chwilowo prowadzić, parowanie odpowiada 503 "
            "z nagłówkiem Retry-After."
        ),
        request=s.MobilePairRequestSerializer,
        responses={
            201: s.MobilePairResponseSerializer,
            **_problems(400, 401, 429, 503),
            (423, PROBLEM): s.MobilePairingLockedSerializer,
        },
        tags=["mobile"],
    )
    def post(self, request: Request) -> Response:
        body = s.MobilePairRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            pairing = services.pair_with_pesel(
                data["pesel"], data["pin"], data["device_name"], request._request
            )
        except services.PairingFailed:
            raise Problem(401, "pairing-failed", services.refusal_message()) from None
        except PairingLocked as locked:
            answer = problem_response(
                423,
                "pairing-locked",
                _("Zbyt wiele błędnych PIN-ów. Parowanie jest zablokowane do %(time)s.")
                % {"time": _local_time(locked.until)},
                locked_until=locked.until.isoformat(),
            )
            answer["Retry-After"] = str(services.locked_for_seconds(locked.until))
            return answer
        paired = s.MobilePairResponseSerializer({"token": pairing.token, "device": pairing.device})
        return Response(paired.data, status=status.HTTP_201_CREATED, headers=_no_store())


def _local_time(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _no_store() -> dict[str, str]:
    return {"Cache-Control": "no-store"}


class DeviceView(ResidentView):
    @extend_schema(
        operation_id="mobile_device",
        summary="To urządzenie",
        responses={200: s.MobileDeviceSerializer, **_problems(401)},
        tags=["mobile"],
    )
    def get(self, request: Request) -> Response:
        return Response(s.MobileDeviceSerializer(self.device).data)

    @extend_schema(
        operation_id="mobile_device_revoke",
        summary="Odłącz to urządzenie",
        description="Token przestaje działać od razu; aby wrócić, sparuj telefon ponownie.",
        responses={204: None, **_problems(401)},
        tags=["mobile"],
    )
    def delete(self, request: Request) -> Response:
        revoke_device(self.device, request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- the town (no login)


class TownView(PublicView):
    @extend_schema(
        operation_id="mobile_town",
        summary="Gmina",
        description="Nazwa, kody, barwy i herb, dane kontaktowe urzędu i odnośniki.",
        responses={200: s.MobileTownSerializer, **_problems(429)},
        tags=["mobile"],
    )
    def get(self, request: Request) -> Response:
        return Response(
            s.MobileTownSerializer(
                services.town_profile(cast(TenantRequest, request._request))
            ).data
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="mobile_news",
        summary="Aktualności",
        description="Opublikowane aktualności gminy, najnowsze pierwsze.",
        tags=["mobile"],
    )
)
class NewsView(PublicView, generics.ListAPIView):
    serializer_class = s.MobileNewsSerializer

    def get_queryset(self) -> QuerySet:
        return services.town_news(self.request._request)


class AlertsView(PublicView):
    @extend_schema(
        operation_id="mobile_alerts",
        summary="Ostrzeżenia",
        description="Ostrzeżenia obowiązujące teraz.",
        responses={200: s.MobileAlertSerializer(many=True), **_problems(429)},
        tags=["mobile"],
    )
    def get(self, request: Request) -> Response:
        return Response(s.MobileAlertSerializer(Alert.objects.active(), many=True).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="mobile_services",
        summary="Katalog usług",
        parameters=[ServicesQuery],
        tags=["mobile"],
    )
)
class ServicesView(PublicView, generics.ListAPIView):
    serializer_class = s.MobileServiceSerializer

    # a list, not a QuerySet (search results); DRF lists and pages any sequence
    def get_queryset(self) -> list:  # type: ignore[override]
        params = checked_query(ServicesQuery, self.request)
        return services.town_services(
            self.request._request,
            query=params.get("q", ""),
            category=params.get("kategoria", ""),
        )


# ---------------------------------------------------------------- the resident


class MeView(ResidentView):
    @extend_schema(
        operation_id="mobile_me",
        summary="Ja i strony, w których imieniu działam",
        description=(
            "Imię i nazwisko, to urządzenie, własna strona (scope own) i strony "
            "reprezentowane z zakresem upoważnienia (view: wgląd, pay: wgląd i płatności)."
        ),
        responses={200: s.MobileMeSerializer, **_problems(401)},
        tags=["mobile"],
    )
    def get(self, request: Request) -> Response:
        return Response(s.MobileMeSerializer(services.me(self.device)).data)


class ObligationsView(ResidentView):
    @extend_schema(
        operation_id="mobile_obligations",
        summary="Zobowiązania",
        description="Zobowiązania strony wg lat (najnowsze pierwsze) z sumami i zaległością.",
        parameters=[ObligationsQuery],
        responses={200: s.MobileObligationOverviewSerializer, **_problems(400, 401, 403, 404)},
        tags=["mobile"],
    )
    def get(self, request: Request) -> Response:
        year = checked_query(ObligationsQuery, request).get("rok")
        party = self.acting_party()
        overview = obligation_overview(party, year)
        data = {"party": party.pk, "years": overview.years, "overview": overview}
        return Response(s.MobileObligationOverviewSerializer(data).data)


def _recipient(request: Request) -> str:
    """The transfer recipient: the office, as the town's branding names it (as the portal)."""
    branding = BrandingSettings.for_request(request._request)
    tenant = cast(TenantRequest, request._request).tenant
    return branding.office_name or tenant.official_name or str(tenant)


def _payment_refusal(resident: Resident, party: Party) -> str:
    if resident.is_demo:
        return _("Konto demonstracyjne nie może płacić.")
    if not may_pay_for(resident, party):
        return _(
            "Twoje upoważnienie pozwala przeglądać zobowiązania tej strony, ale nie płacić za "
            "nie. Możesz zapłacić przelewem na podany rachunek."
        )
    return ""


class ObligationDetailView(ResidentView):
    @for_acting_party(
        "mobile_obligation",
        "Zobowiązanie",
        s.MobileObligationDetailSerializer,
        "Składniki, raty (stan, pozostało, po terminie), wpłaty, rachunek i tytuł.",
    )
    def get(self, request: Request, obligation_id: int) -> Response:
        party = self.acting_party()
        obligation = obligation_of(party, obligation_id)
        if obligation is None:
            raise _not_found()
        installments = list(obligation.installments.all())
        debts = debts_on(installments, regimes={obligation.pk: obligation.kind.interest_regime})
        for installment in installments:
            installment.debt = debts[installment.pk]  # type: ignore[attr-defined]
        totals = balance(installments, obligation.payments.all(), debts)
        refusal = _payment_refusal(self.resident, party) if payable_installments(obligation) else ""
        data = {
            "obligation": obligation,
            "balance": totals,
            "components": list(obligation.components.all()),
            "installments": installments,
            "payments": payments_settling(obligation),
            "transfer": {
                "recipient": _recipient(request),
                "account": obligation.bank_account,
                "account_display": obligation.bank_account_display,
                "title": transfer_title(obligation),
                "amount": totals.to_pay,
            },
            "can_pay_online": bool(payable_installments(obligation)) and not refusal,
            "payment_refusal": refusal,
        }
        return Response(s.MobileObligationDetailSerializer(data).data)


@extend_schema_view(
    get=for_acting_party(
        "mobile_payments",
        "Wpłaty",
        s.MobilePaymentSerializer(many=True),
        "Wpłaty strony, najnowsze pierwsze, z rozliczeniem na raty.",
    )
)
class PaymentsView(ResidentListView):
    serializer_class = s.MobilePaymentSerializer

    def get_queryset(self) -> QuerySet:
        return payments_of(self.acting_party())

    @extend_schema(
        operation_id="mobile_payment_start",
        summary="Zapłać raty online",
        description=(
            "Rozpoczyna płatność wskazanych rat strony (bez kwoty: cała pozostała kwota) i "
            "zwraca adres bramki płatności (redirect_url), który aplikacja otwiera. Płacić "
            "za reprezentowaną stronę można tylko z upoważnieniem w zakresie pay."
        ),
        parameters=[PartyQuery],
        request=s.MobileStartPaymentSerializer,
        responses={
            201: s.MobilePaymentIntentSerializer,
            **_problems(400, 401, 403, 404, 409),
        },
        tags=["mobile"],
    )
    def post(self, request: Request) -> Response:
        party = self.acting_party()
        body = s.MobileStartPaymentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        resident = self.resident
        if resident.is_demo:
            raise Problem(403, "demo-account", _("Konto demonstracyjne nie może płacić."))
        if not may_pay_for(resident, party):
            raise Problem(
                403,
                "pay-scope-required",
                _("Nie masz upoważnienia do płatności w imieniu tej strony."),
            )
        items = [
            Item(item["id"], item.get("amount")) for item in body.validated_data["installments"]
        ]
        try:
            intent = start_payment(
                resident,
                party,
                items,
                site_url=f"{request.scheme}://{request.get_host()}",
                customer_ip=request.META.get("REMOTE_ADDR", ""),
            )
        except PaymentRefused as refusal:
            raise Problem(409, "payment-refused", str(refusal)) from None
        return Response(
            s.MobilePaymentIntentSerializer(intent).data,
            status=status.HTTP_201_CREATED,
            headers=_no_store(),
        )


class PaymentDetailView(ResidentView):
    @extend_schema(
        operation_id="mobile_payment",
        summary="Wpłata",
        parameters=[PartyQuery],
        responses={200: s.MobilePaymentSerializer, **_problems(400, 401, 403, 404)},
        tags=["mobile"],
    )
    def get(self, request: Request, payment_id: int) -> Response:
        payment = payment_of(self.acting_party(), payment_id)
        if payment is None:
            raise _not_found()
        return Response(s.MobilePaymentSerializer(payment).data)


class PaymentIntentView(ResidentView):
    @extend_schema(
        operation_id="mobile_payment_intent",
        summary="Stan płatności online",
        description=(
            "Płatność rozpoczęta przez POST /payments/: pending do potwierdzenia przez bramkę, "
            "potem succeeded, failed, abandoned lub expired."
        ),
        responses={200: s.MobilePaymentIntentSerializer, **_problems(401, 404)},
        tags=["mobile"],
    )
    def get(self, request: Request, intent_id: int) -> Response:
        # As the portal: the resident's own intents and those of Parties they act for.
        parties = [party.pk for party in parties_for(self.resident)]
        intent = PaymentIntent.objects.filter(party_id__in=parties, pk=intent_id).first()
        if intent is None:
            raise _not_found()
        return Response(s.MobilePaymentIntentSerializer(intent).data)


@extend_schema_view(
    get=for_acting_party(
        "mobile_cases",
        "Sprawy",
        s.MobileCaseSerializer(many=True),
        "Sprawy strony: otwarte pierwsze, ze stanem i tym, czego urząd oczekuje.",
    )
)
class CasesView(ResidentListView):
    serializer_class = s.MobileCaseSerializer

    def get_queryset(self) -> QuerySet:
        return cases_of(self.acting_party())


class CaseDetailView(ResidentView):
    @for_acting_party(
        "mobile_case",
        "Sprawa",
        s.MobileCaseDetailSerializer,
        "Stan, historia statusów i pisma w obie strony (metadane).",
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_of(self.acting_party(), case_id)
        if case is None:
            raise _not_found()
        return Response(s.MobileCaseDetailSerializer(case).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="mobile_notifications",
        summary="Powiadomienia",
        description="Skrzynka mieszkańca, najnowsze pierwsze, ze stanem przeczytania.",
        responses={200: s.MobileNotificationSerializer(many=True), **_problems(401)},
        tags=["mobile"],
    )
)
class NotificationsView(ResidentListView):
    serializer_class = s.MobileNotificationSerializer

    def get_queryset(self) -> QuerySet:
        return Notification.objects.filter(recipient=self.resident.user).order_by(
            "-created_at", "-pk"
        )


class NotificationsReadView(ResidentView):
    @extend_schema(
        operation_id="mobile_notifications_read",
        summary="Oznacz powiadomienia jako przeczytane",
        description="Podane (ids) albo, bez listy, wszystkie.",
        request=s.MobileMarkReadSerializer,
        responses={200: s.MobileMarkedReadSerializer, **_problems(400, 401)},
        tags=["mobile"],
    )
    def post(self, request: Request) -> Response:
        body = s.MobileMarkReadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = self.resident.user
        marked = mark_read(user, body.validated_data.get("ids"))
        return Response(
            s.MobileMarkedReadSerializer({"marked": marked, "unread": unread_count(user)}).data
        )


class UnreadCountView(ResidentView):
    @extend_schema(
        operation_id="mobile_notifications_unread_count",
        summary="Liczba nieprzeczytanych powiadomień",
        responses={200: s.MobileUnreadCountSerializer, **_problems(401)},
        tags=["mobile"],
    )
    def get(self, request: Request) -> Response:
        return Response(
            s.MobileUnreadCountSerializer({"unread": unread_count(self.resident.user)}).data
        )
