"""The shapes of the integration API, for the OpenAPI description.

The item serializers describe the fields; the items themselves are judged one by one by
the import rules (:mod:`api.integration.upserts`), not by these serializers, so that one
bad item is reported and the others are saved."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from eurzad.cases.imports import CASES_FORMAT
from eurzad.finance.imports import FORMATS
from eurzad.registers.budget.imports import BUDGET_FORMAT
from eurzad.registers.imports import ENTRIES_FORMAT, PROPERTY_FORMAT

AMOUNT_HELP = "Kwota: liczba lub tekst z kropką/przecinkiem, np. 123.45 (amount)."
DATE_HELP = "RRRR-MM-DD"
TYPES: dict[str, tuple[type[serializers.Field], str]] = {
    "amount": (serializers.CharField, AMOUNT_HELP),
    "planned": (serializers.CharField, AMOUNT_HELP),
    "executed": (serializers.CharField, AMOUNT_HELP),
    "area_m2": (serializers.CharField, "Powierzchnia w m², np. 812.5."),
    "base": (serializers.CharField, "Podstawa opodatkowania (do 4 miejsc po przecinku)."),
    "rate": (serializers.CharField, "Stawka (do 4 miejsc po przecinku)."),
    "year": (serializers.IntegerField, "Rok, 2000–2100."),
    "number": (serializers.CharField, "Numer (raty: liczba 1–366; wpisu: tekst)."),
    "pesel": (serializers.CharField, "PESEL (11 cyfr)."),
    "nip": (serializers.CharField, "NIP (10 cyfr)."),
    "published": (serializers.BooleanField, "Widoczna w wyszukiwarce mienia."),
    "installments": (serializers.CharField, 'Numery rat, np. "1,2" albo lista [1, 2].'),
}


def _field(name: str, required: bool) -> serializers.Field:
    field_class, help_text = TYPES.get(name, (serializers.CharField, ""))
    if name.endswith(("_date", "_on", "_from", "_until", "_deadline", "_end")):
        help_text = DATE_HELP
    return field_class(required=required, help_text=help_text or None)


def item_serializer(
    name: str,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    extra: dict[str, serializers.Field] | None = None,
) -> type[serializers.Serializer]:
    """An item serializer named ``name`` from an import format's columns."""
    fields: dict[str, Any] = {column: _field(column, True) for column in required}
    fields.update({column: _field(column, False) for column in optional})
    fields.update(extra or {})
    return type(name, (serializers.Serializer,), fields)


PARTY_COLUMNS_DOC = ("party_external_id", "pesel", "nip")
PartyItem = item_serializer(
    "PartyItem", (), (*PARTY_COLUMNS_DOC, *FORMATS["obligations"].optional[:8])
)
ObligationItem = item_serializer(
    "ObligationItem",
    FORMATS["obligations"].required,
    (*FORMATS["obligations"].one_of, *FORMATS["obligations"].optional),
)
ComponentItem = item_serializer(
    "ObligationComponentItem", FORMATS["components"].required, FORMATS["components"].optional
)
InstallmentItem = item_serializer("InstallmentItem", FORMATS["installments"].required, ())
PaymentItem = item_serializer(
    "PaymentItem",
    FORMATS["payments"].required,
    (*FORMATS["payments"].one_of, *FORMATS["payments"].optional),
)
CaseItem = item_serializer(
    "CaseItem", CASES_FORMAT.required, (*CASES_FORMAT.one_of, *CASES_FORMAT.optional)
)
RegisterEntryItem = item_serializer(
    "RegisterEntryItem",
    ENTRIES_FORMAT.required,
    ENTRIES_FORMAT.optional,
    {
        "values": serializers.DictField(
            required=False, help_text="Pola rejestru według ich nazw (the register's own fields)."
        )
    },
)
BALANCE_FIELDS = {
    "as_of": DATE_HELP + " – dzień, na który system podatkowy podaje saldo.",
    "assessed": "Przypis. " + AMOUNT_HELP,
    "corrections": "Przypis korekcyjny, może być ujemny (domyślnie 0). " + AMOUNT_HELP,
    "written_off": "Odpisy i umorzenia (domyślnie 0). " + AMOUNT_HELP,
    "paid": "Wpłaty (na należność i odsetki). " + AMOUNT_HELP,
    "arrears": "Zaległość. " + AMOUNT_HELP,
    "interest": "Odsetki na dzień as_of. " + AMOUNT_HELP,
    "overpayment": "Nadpłata (domyślnie 0). " + AMOUNT_HELP,
    "to_pay": "Do zapłaty. " + AMOUNT_HELP,
}
AccountBalanceItem = item_serializer(
    "AccountBalanceItem",
    FORMATS["balances"].required,
    (*FORMATS["balances"].one_of, *FORMATS["balances"].optional),
    {
        name: serializers.CharField(
            required=name in FORMATS["balances"].required, help_text=help_text
        )
        for name, help_text in BALANCE_FIELDS.items()
    },
)
BudgetLineItem = item_serializer("BudgetLineItem", BUDGET_FORMAT.required, BUDGET_FORMAT.optional)
PropertyItem = item_serializer("PropertyItem", PROPERTY_FORMAT.required, PROPERTY_FORMAT.optional)


def upsert_request(name: str, item: type[serializers.Serializer]) -> type[serializers.Serializer]:
    return type(
        name,
        (serializers.Serializer,),
        {
            "items": item(many=True, help_text="Najwyżej 1000 pozycji (at most 1,000 items)."),
        },
    )


class ItemResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Pozycja w tablicy items (od 0).")
    external_id = serializers.CharField(help_text="Identyfikator pozycji (PESEL zamaskowany).")
    result = serializers.ChoiceField(choices=["imported", "updated", "unchanged", "rejected"])
    # a declared field: DRF's metaclass takes it off the class
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.CharField(), help_text="Powód odrzucenia, według pól."
    )
    warnings = serializers.ListField(
        child=serializers.CharField(), help_text="Zapisano, ale urząd powinien sprawdzić."
    )


class TotalsSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()
    warnings = serializers.IntegerField()


class UpsertResultSerializer(serializers.Serializer):
    # a declared field: DRF's metaclass takes it off the class
    source = serializers.CharField(help_text="Źródło, pod którym zapisano dane.")  # type: ignore[assignment]
    totals = TotalsSerializer()
    items = ItemResultSerializer(many=True)


# --- feeds -------------------------------------------------------------------------------


class PartyRefSerializer(serializers.Serializer):
    id = serializers.CharField()
    id_type = serializers.ChoiceField(choices=["external_id", "nip", "pesel", "portal_id"])


class AllocationSerializer(serializers.Serializer):
    obligation_external_id = serializers.CharField()
    obligation_source = serializers.CharField()
    installment_number = serializers.IntegerField()
    amount = serializers.CharField(help_text="Część wpłaty zaliczona na samą ratę.")
    interest = serializers.CharField(help_text="Część wpłaty zaliczona na odsetki od raty.")


class PaymentChangeSerializer(serializers.Serializer):
    external_id = serializers.CharField(help_text="Identyfikator transakcji bramki.")
    # a declared field: DRF's metaclass takes it off the class
    source = serializers.CharField(help_text="Bramka, np. przelewy24.")  # type: ignore[assignment]
    booked_on = serializers.DateField()
    party = PartyRefSerializer()
    amount = serializers.CharField()
    title = serializers.CharField()
    obligation_external_id = serializers.CharField()
    allocations = AllocationSerializer(many=True)
    unallocated = serializers.CharField(help_text="Nadpłata (overpayment).")


class AccessRequestChangeSerializer(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=["submitted", "approved", "rejected"])
    channel = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    due_on = serializers.DateField()
    decided_at = serializers.DateTimeField(allow_null=True)
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    pesel = serializers.CharField(help_text="Pełny tylko z zakresem parties, inaczej maskowany.")
    rejection_reason = serializers.CharField()
    resident_party = PartyRefSerializer(allow_null=True)
    email = serializers.CharField(required=False, help_text="Tylko z zakresem parties.")
    phone = serializers.CharField(required=False, help_text="Tylko z zakresem parties.")
    street = serializers.CharField(required=False, help_text="Tylko z zakresem parties.")
    postal_code = serializers.CharField(required=False, help_text="Tylko z zakresem parties.")
    city = serializers.CharField(required=False, help_text="Tylko z zakresem parties.")


class SubmissionFormSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class SubmissionCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sign = serializers.CharField(help_text="Znak sprawy.")
    external_id = serializers.CharField(help_text="Numer wniosku jako identyfikator sprawy.")


class SubmissionChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Identyfikator wniosku (wnioski/{id}/).")
    reference = serializers.CharField(help_text="Numer wniosku, np. EU/2026/000123.")
    form = SubmissionFormSerializer()
    revision = serializers.IntegerField(help_text="Wersja formularza, na której złożono wniosek.")
    party = PartyRefSerializer(
        allow_null=True, help_text="Wnioskodawca; null: zgłoszenie anonimowe."
    )
    submitted_at = serializers.DateTimeField()
    case = SubmissionCaseSerializer(
        allow_null=True, help_text="Sprawa założona z wniosku; null: zgłoszenie anonimowe."
    )
    fee = serializers.CharField(allow_null=True, help_text="Opłata zapłacona przed złożeniem.")
    digest = serializers.CharField(
        help_text="SHA-256 (hex) złożonej treści, jak w kopiach JSON i XML wniosku."
    )
    detail = serializers.CharField(help_text="Ścieżka szczegółów wniosku (z odpowiedziami).")


class SubmissionAuthenticationSerializer(serializers.Serializer):
    assertion_id = serializers.CharField(help_text="Identyfikator asercji login.gov.pl.")
    level_of_assurance = serializers.CharField()
    authenticated_at = serializers.CharField(help_text="ISO 8601, jak zapisał Węzeł Krajowy.")


class SubmissionMandateSerializer(serializers.Serializer):
    representative = PartyRefSerializer(help_text="Kto złożył wniosek w imieniu strony.")
    scope = serializers.CharField(help_text="Zakres upoważnienia (file).")
    valid_until = serializers.DateField(allow_null=True)


class SubmissionFileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    name = serializers.CharField(help_text="Nazwa pliku.")
    content_type = serializers.CharField()
    download = serializers.CharField(help_text="Ścieżka pobrania pliku (z kluczem API).")


class SubmissionDetailSerializer(SubmissionChangeSerializer):
    answers = serializers.DictField(
        help_text="Odpowiedzi, jak je złożono (kopia JSON wniosku); załącznik jako nazwa, "
        "rozmiar i SHA-256."
    )
    authentication = SubmissionAuthenticationSerializer(
        allow_null=True, help_text="Logowanie login.gov.pl, w którym złożono wniosek."
    )
    mandate = SubmissionMandateSerializer(
        allow_null=True, help_text="Upoważnienie pełnomocnika; null: złożyła sama strona."
    )
    files = SubmissionFileSerializer(
        many=True, help_text="Wniosek (PDF, XML, JSON), poświadczenie UPP i załączniki."
    )


class SubmissionQuerySerializer(serializers.Serializer):
    formularz = serializers.SlugField(
        required=False, max_length=80, help_text="Tylko wnioski tego formularza (slug)."
    )


def feed_page(
    name: str, data: type[serializers.Serializer], events: list[str]
) -> type[serializers.Serializer]:
    item = type(
        f"{name}Change",
        (serializers.Serializer,),
        {
            "event": serializers.ChoiceField(choices=events),
            "recorded_at": serializers.DateTimeField(),
            "data": data(allow_null=True, help_text="Null: obiekt już nie istnieje."),
        },
    )
    return type(
        f"{name}Page",
        (serializers.Serializer,),
        {
            "items": item(many=True),
            "next": serializers.CharField(help_text="Kursor do następnego wywołania (since)."),
            "has_more": serializers.BooleanField(help_text="Jest więcej – wywołaj od razu."),
        },
    )


PaymentFeedPage = feed_page("PaymentFeed", PaymentChangeSerializer, ["payment.booked"])
AccessRequestFeedPage = feed_page(
    "AccessRequestFeed",
    AccessRequestChangeSerializer,
    ["access_request.filed", "access_request.decided"],
)
SubmissionFeedPage = feed_page("SubmissionFeed", SubmissionChangeSerializer, ["submission.filed"])


class FeedQuerySerializer(serializers.Serializer):
    since = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Kursor z pola next poprzedniej odpowiedzi; puste: od początku.",
    )
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=500, default=100,
        help_text="Rozmiar strony, 1–500 (domyślnie 100).",
    )  # fmt: skip
