"""What the mobile app sends and receives. Output serializers only shape what the domain
queries return; money is a string with two decimals ("123.45"), dates ISO 8601, and a
PESEL or NIP never leaves in full.

Every name starts with ``Mobile`` so the OpenAPI components of this part never collide
with those of the integration or open-data API.

A serializer that mirrors a model is a ``MobileModelSerializer``: its fields come from the
model (types, lengths, nulls). Fields are declared only where the answer differs from the
model: a property or a related object's value, money as a string, and choices, which the
app gets as plain strings (an OpenAPI enum here would rename the enum components of the
same name in the other APIs, e.g. ``StateEnum``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import ProblemSerializer
from cms.models import Alert, NewsPage, ServiceCategory, ServicePage
from eurzad.cases.models import (
    Case,
    CaseDocument,
    CaseStatus,
    CaseStatusChange,
    LetterDelivery,
    LetterEvidence,
)
from eurzad.finance.gateways.models import PaymentIntent
from eurzad.finance.models import Installment, ObligationComponent, Payment, PaymentAllocation
from eurzad.finance.money import AMOUNT
from eurzad.identity.models import MobileDevice
from eurzad.notifications.models import Notification
from eurzad.parties.identifiers import normalise_pesel, validate_pesel

MAX_ITEMS_PER_PAYMENT = 50


def Money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(coerce_to_string=True, **AMOUNT, **kwargs)


class MobileModelSerializer(serializers.ModelSerializer):
    # No docstring: the schema would give it to every serializer below as its description.
    # A model as the app reads it: the fields' types, lengths and nulls come from the model;
    # each is always in the answer (required); the models' labels and help texts stay
    # behind, as they speak to the office's editors, not to the app's developers.

    def build_field(self, *args: Any) -> tuple[type[serializers.Field], dict[str, Any]]:
        field_class, kwargs = super().build_field(*args)
        kwargs.pop("label", None)
        kwargs.pop("help_text", None)
        if not kwargs.get("read_only"):
            kwargs["required"] = True
        return field_class, kwargs


# ---------------------------------------------------------------- errors


class MobilePairingLockedSerializer(ProblemSerializer):
    locked_until = serializers.DateTimeField()


# ---------------------------------------------------------------- pairing and the device


class MobilePairRequestSerializer(serializers.Serializer):
    pesel = serializers.CharField(max_length=20, help_text="PESEL mieszkańca (11 cyfr).")
    pin = serializers.RegexField(
        r"^\d{4,8}$",
        max_length=8,
        error_messages={"invalid": _("PIN ma od 4 do 8 cyfr.")},
        help_text="PIN ustawiony w portalu (Mój e-Urząd → Aplikacja mobilna).",
    )
    device_name = serializers.CharField(
        max_length=80, required=False, allow_blank=True, default="",
        help_text="Nazwa telefonu widoczna w portalu, np. „Telefon Anny”.",
    )  # fmt: skip

    def validate_pesel(self, value: str) -> str:
        try:
            validate_pesel(value)
        except DjangoValidationError:
            raise serializers.ValidationError(
                _("Numer PESEL jest nieprawidłowy: 11 cyfr z poprawną cyfrą kontrolną.")
            ) from None
        return normalise_pesel(value)


class MobileDeviceSerializer(MobileModelSerializer):
    class Meta:
        model = MobileDevice
        fields = ["id", "name", "paired_at", "last_used_at"]


class MobilePairResponseSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text="Token urządzenia: pokazywany raz; nagłówek Authorization: Bearer <token>."
    )
    device = MobileDeviceSerializer()


# ---------------------------------------------------------------- the town


class MobileBrandingSerializer(serializers.Serializer):
    display_name = serializers.CharField()
    tagline = serializers.CharField()
    primary_colour = serializers.CharField(help_text="#RRGGBB")
    accent_colour = serializers.CharField(help_text="#RRGGBB")
    logo_url = serializers.URLField(allow_null=True)


class MobileDepartmentSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    room = serializers.CharField()


class MobileContactSerializer(serializers.Serializer):
    office_name = serializers.CharField()
    street = serializers.CharField()
    postal_code = serializers.CharField()
    city = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    epuap_address = serializers.CharField()
    edoreczenia_address = serializers.CharField()
    opening_hours = serializers.ListField(child=serializers.CharField())
    departments = MobileDepartmentSerializer(many=True)
    map_url = serializers.CharField()


class MobileTownLinksSerializer(serializers.Serializer):
    portal = serializers.URLField()
    bip = serializers.CharField(help_text="Adres BIP; pusty, gdy gmina go nie podała.")
    contact = serializers.CharField()
    news = serializers.CharField()
    services = serializers.CharField()


class MobileTownSerializer(serializers.Serializer):
    name = serializers.CharField()
    official_name = serializers.CharField()
    teryt = serializers.CharField()
    kind = serializers.CharField(help_text="urban | rural | urban-rural")
    kind_display = serializers.CharField()
    voivodeship = serializers.CharField()
    branding = MobileBrandingSerializer()
    contact = MobileContactSerializer()
    links = MobileTownLinksSerializer()


def _page_url(serializer: serializers.Serializer, page: NewsPage) -> str:
    return page.get_full_url(serializer.context["request"]._request)


class MobileNewsSerializer(MobileModelSerializer):
    intro = serializers.CharField(source="lead")
    url = serializers.SerializerMethodField()

    class Meta:
        model = NewsPage
        fields = ["id", "title", "date", "intro", "url"]

    @extend_schema_field(serializers.URLField())
    def get_url(self, page: NewsPage) -> str:
        return _page_url(self, page)


class MobileAlertSerializer(MobileModelSerializer):
    severity = serializers.CharField(help_text="info | warning | danger")
    link = serializers.CharField(source="link_url")

    class Meta:
        model = Alert
        fields = ["id", "title", "message", "severity", "area", "valid_from", "valid_until",
                  "link"]  # fmt: skip


class MobileServiceCategorySerializer(MobileModelSerializer):
    class Meta:
        model = ServiceCategory
        fields = ["slug", "name"]


class MobileServiceSerializer(MobileModelSerializer):
    # Of a catalogue's result (cms.catalogue.ListedService), typed as the page's fields.
    url = serializers.URLField()
    categories = MobileServiceCategorySerializer(many=True)

    class Meta:
        model = ServicePage
        fields = ["id", "title", "summary", "department", "url", "categories"]


# ---------------------------------------------------------------- the resident


class MobilePartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text="natural | legal")
    identifier = serializers.CharField(
        help_text="Zamaskowany PESEL lub NIP, np. PESEL *******1359."
    )
    scope = serializers.CharField(help_text="own (własne dane) | view (wgląd) | pay (i płatności)")
    valid_until = serializers.DateField(allow_null=True)


class MobileMeSerializer(serializers.Serializer):
    name = serializers.CharField()
    is_demo = serializers.BooleanField()
    device = MobileDeviceSerializer()
    parties = MobilePartySerializer(many=True)
    unread_notifications = serializers.IntegerField()


class MobileBalanceSerializer(serializers.Serializer):
    due = Money(help_text="Należne.")
    paid = Money(help_text="Zapłacone.")
    remaining = Money(help_text="Pozostało do zapłaty.")
    arrears = Money(source="overdue", help_text="Zaległość (po terminie).")
    interest = Money(help_text="Odsetki od zaległości na dziś.")
    to_pay = Money(help_text="Do zapłaty na dziś: pozostało i odsetki.")
    overpayment = Money(source="overpaid", help_text="Nadpłata.")


class MobileObligationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="obligation.pk")
    kind = serializers.CharField(source="obligation.kind.name")
    kind_code = serializers.CharField(source="obligation.kind.code")
    year = serializers.IntegerField(source="obligation.year")
    document_number = serializers.CharField(source="obligation.document_number")
    description = serializers.CharField(source="obligation.description")
    amount = Money(source="obligation.amount")
    totals = MobileBalanceSerializer(source="balance")


class MobileObligationYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    totals = MobileBalanceSerializer(source="balance")
    obligations = MobileObligationSummarySerializer(many=True)


class MobileObligationOverviewSerializer(serializers.Serializer):
    party = serializers.IntegerField(help_text="Strona, której dotyczą dane.")
    years = serializers.ListField(child=serializers.IntegerField())
    totals = MobileBalanceSerializer(source="overview.total")
    unassigned_overpayment = Money(source="overview.unassigned_overpayment")
    shown = MobileObligationYearSerializer(source="overview.shown", many=True)


class MobileComponentSerializer(MobileModelSerializer):
    class Meta:
        model = ObligationComponent
        fields = ["name", "base", "unit", "rate", "amount"]


class MobileInstallmentSerializer(MobileModelSerializer):
    remaining = Money()
    interest_today = Money(source="debt.interest", help_text="Odsetki na dziś.")
    to_pay_today = Money(source="debt.total", help_text="Do zapłaty na dziś z odsetkami.")
    state = serializers.CharField(help_text="open | partial | paid | cancelled")
    state_display = serializers.CharField(source="get_state_display")
    overdue = serializers.BooleanField(source="is_overdue")

    class Meta:
        model = Installment
        fields = ["id", "number", "due_date", "amount", "paid", "interest_paid", "remaining",
                  "interest_today", "to_pay_today", "state", "state_display",
                  "overdue"]  # fmt: skip


class MobileSettledPaymentSerializer(serializers.Serializer):
    id = serializers.SerializerMethodField(
        help_text="Wpłata strony (szczegóły w /payments/{id}/); null dla wpłaty kogoś innego."
    )
    booked_on = serializers.DateField(source="payment.booked_on")
    channel = serializers.CharField(source="payment.channel")
    settled = Money(help_text="Część wpłaty rozliczona na to zobowiązanie.")
    own = serializers.BooleanField()

    def get_id(self, settled: Any) -> int | None:
        return settled.payment.pk if settled.own else None


class MobileTransferSerializer(serializers.Serializer):
    recipient = serializers.CharField()
    account = serializers.CharField(help_text="NRB, 26 cyfr; pusty bez rachunku indywidualnego.")
    account_display = serializers.CharField()
    title = serializers.CharField()
    amount = Money()


class MobileObligationDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="obligation.pk")
    party = serializers.IntegerField(source="obligation.party_id")
    kind = serializers.CharField(source="obligation.kind.name")
    kind_code = serializers.CharField(source="obligation.kind.code")
    year = serializers.IntegerField(source="obligation.year")
    document_number = serializers.CharField(source="obligation.document_number")
    document_date = serializers.DateField(source="obligation.document_date", allow_null=True)
    description = serializers.CharField(source="obligation.description")
    amount = Money(source="obligation.amount")
    totals = MobileBalanceSerializer(source="balance")
    components = MobileComponentSerializer(many=True)
    installments = MobileInstallmentSerializer(many=True)
    payments = MobileSettledPaymentSerializer(many=True)
    transfer = MobileTransferSerializer()
    can_pay_online = serializers.BooleanField()
    payment_refusal = serializers.CharField(help_text="Dlaczego nie można zapłacić w aplikacji.")


class MobileAllocationSerializer(MobileModelSerializer):
    obligation = serializers.IntegerField(source="installment.obligation_id")
    kind = serializers.CharField(source="installment.obligation.kind.name")
    year = serializers.IntegerField(source="installment.obligation.year")
    number = serializers.IntegerField(source="installment.number")
    due_date = serializers.DateField(source="installment.due_date")

    class Meta:
        model = PaymentAllocation
        fields = [
            "installment", "obligation", "kind", "year", "number", "due_date", "amount", "interest",
        ]  # fmt: skip


class MobilePaymentSerializer(MobileModelSerializer):
    channel = serializers.CharField(help_text="online | transfer | cash")
    channel_display = serializers.CharField(source="get_channel_display")
    allocations = MobileAllocationSerializer(many=True, source="allocations.all")
    overpayment = Money(source="unallocated", help_text="Część wpłaty nierozliczona na raty.")

    class Meta:
        model = Payment
        fields = ["id", "booked_on", "amount", "channel", "channel_display", "title",
                  "obligation", "allocations", "overpayment"]  # fmt: skip


class MobilePaymentItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, help_text="Identyfikator raty.")
    amount = serializers.DecimalField(
        **AMOUNT, min_value=0, required=False, allow_null=True,
        help_text="Kwota do zapłaty; bez niej cała pozostała kwota raty.",
    )  # fmt: skip


class MobileStartPaymentSerializer(serializers.Serializer):
    # many=True hands max_length to the ListSerializer; the stubs' Serializer lacks it
    installments = MobilePaymentItemSerializer(  # type: ignore[call-arg]
        many=True, allow_empty=False, max_length=MAX_ITEMS_PER_PAYMENT
    )

    def validate_installments(self, value: list[dict]) -> list[dict]:
        ids = [item["id"] for item in value]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError(_("Każdą ratę podaj tylko raz."))
        return value


class MobilePaymentIntentSerializer(MobileModelSerializer):
    status = serializers.CharField(
        help_text="new | pending | succeeded | failed | abandoned | expired"
    )
    status_display = serializers.CharField(source="get_status_display")
    gateway = serializers.CharField()
    redirect_url = serializers.CharField(help_text="Strona bramki płatności, na którą kierujesz.")

    class Meta:
        model = PaymentIntent
        fields = ["id", "status", "status_display", "party", "gateway", "amount",
                  "redirect_url", "payment", "created_at", "completed_at"]  # fmt: skip


class MobileCaseStatusSerializer(MobileModelSerializer):
    class Meta:
        model = CaseStatus
        fields = ["code", "name", "final", "waiting_for_resident"]


class MobileCaseSerializer(MobileModelSerializer):
    status = MobileCaseStatusSerializer()
    expected_of_resident = serializers.CharField()

    class Meta:
        model = Case
        fields = ["id", "sign", "subject", "status", "received_on", "legal_deadline",
                  "expected_end", "closed_on", "expected_of_resident"]  # fmt: skip


class MobileCaseHistorySerializer(MobileModelSerializer):
    status = serializers.CharField(source="status.name")
    status_code = serializers.CharField(source="status.code")

    class Meta:
        model = CaseStatusChange
        fields = ["status", "status_code", "changed_at", "note"]


class MobileLetterEvidenceSerializer(MobileModelSerializer):
    title = serializers.CharField(help_text="Co poświadcza, np. Dowód doręczenia.")

    class Meta:
        model = LetterEvidence
        fields = ["kind", "title", "state", "issued_at"]
        extra_kwargs = {
            "kind": {"help_text": "Kod dostawcy, np. UPD."},
            "state": {"help_text": "sent | delivered | not_delivered"},
        }


class MobileLetterDeliverySerializer(MobileModelSerializer):
    route = serializers.CharField(help_text="edoreczenia | epuap | paper")
    route_display = serializers.CharField(source="get_route_display")
    state = serializers.CharField()
    state_display = serializers.CharField(source="get_state_display")
    evidences = MobileLetterEvidenceSerializer(many=True, source="evidences.all")

    class Meta:
        model = LetterDelivery
        fields = ["route", "route_display", "state", "state_display", "sent_at", "evidences"]


class MobileCaseDocumentSerializer(MobileModelSerializer):
    direction = serializers.CharField(help_text="in (do urzędu) | out (od urzędu)")
    channel = serializers.CharField()
    delivery = serializers.CharField()
    delivery_display = serializers.CharField(source="get_delivery_display")
    has_attachment = serializers.SerializerMethodField()
    delivery_to_you = serializers.SerializerMethodField(
        help_text="Jak pismo urzędu wysłano działającej stronie, z dowodami; null, gdy nie "
        "było wysyłane przez e-Urząd."
    )

    class Meta:
        model = CaseDocument
        fields = ["id", "title", "dated", "direction", "channel", "delivery", "delivery_display",
                  "has_attachment", "delivery_to_you"]  # fmt: skip

    def get_has_attachment(self, document: Any) -> bool:
        return bool(document.attachment)

    @extend_schema_field(MobileLetterDeliverySerializer(allow_null=True))
    def get_delivery_to_you(self, document: Any) -> dict[str, Any] | None:
        deliveries = getattr(document, "deliveries_to_party", None) or []
        return MobileLetterDeliverySerializer(deliveries[0]).data if deliveries else None


class MobileCaseDetailSerializer(MobileCaseSerializer):
    history = MobileCaseHistorySerializer(many=True, source="status_changes.all")
    documents = MobileCaseDocumentSerializer(many=True, source="documents.all")

    class Meta(MobileCaseSerializer.Meta):
        fields = [*MobileCaseSerializer.Meta.fields, "jrwa_symbol", "department",
                  "officer_name", "officer_contact", "history", "documents"]  # fmt: skip


class MobileNotificationSerializer(MobileModelSerializer):
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "reason", "subject", "body", "link", "party", "created_at", "read",
                  "read_at"]  # fmt: skip
        extra_kwargs = {"link": {"help_text": "Adres w portalu (ścieżka), może być pusty."}}

    def get_read(self, notification: Any) -> bool:
        return notification.read_at is not None


class MobileMarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=500,
        help_text="Które oznaczyć; bez listy wszystkie.",
    )  # fmt: skip


class MobileMarkedReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField()
    unread = serializers.IntegerField()


class MobileUnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()
