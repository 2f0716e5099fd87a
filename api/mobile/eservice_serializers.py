"""What the mobile app sends and receives about e-services: the town's online forms
(each version's steps, fields and the JSON Schema of its answers) and the resident's
applications. As in :mod:`api.mobile.serializers`, every name starts with ``Mobile`` and
choices are plain strings; labels and help texts are in the language of
``Accept-Language`` where the editors gave an English one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.mobile.serializers import MobileModelSerializer
from api.serializers import ProblemSerializer
from eurzad.core.query import has_control_characters
from eurzad.eservices.definition import Definition, Step
from eurzad.eservices.models import EServiceForm, Submission
from eurzad.eservices.schema import schema_of

MAX_ANSWER_DEPTH = 4  # a group's entries hold plain values: deeper is never an answer


def _english() -> bool:
    return (translation.get_language() or "pl").startswith("en")


@extend_schema_field(OpenApiTypes.STR)
class Localised(serializers.Field):
    """``<name>`` of the object, or ``<name>_en`` for an English reader when given."""

    def __init__(self, name: str = "", **kwargs: Any) -> None:
        self.name = name
        super().__init__(source="*", read_only=True, **kwargs)

    def bind(self, field_name: str, parent: serializers.BaseSerializer) -> None:
        super().bind(field_name, parent)
        self.name = self.name or field_name

    def to_representation(self, value: Any) -> str:
        polish = getattr(value, self.name)
        english = getattr(value, f"{self.name}_en", "")
        return str(english if english and _english() else polish)


def Formula(name: str, help_text: str) -> serializers.CharField:
    """A condition or formula as the editor wrote it; null when there is none."""
    return serializers.CharField(source=f"{name}.source", allow_null=True, help_text=help_text)


def Number(help_text: str) -> serializers.CharField:
    return serializers.CharField(allow_null=True, help_text=help_text)


# ---------------------------------------------------------------- a form's definition


class MobileFormChoiceSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="Wartość zapisywana w odpowiedziach.")
    label = Localised()  # type: ignore[assignment]


class MobileFormInnerFieldSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Klucz w odpowiedziach.")
    kind = serializers.CharField(
        help_text="text | number | date | choice | identifier | file | consent | group | computed"
    )
    # declared fields named like Field's attributes: DRF's metaclass takes them off the class
    label = Localised()  # type: ignore[assignment]
    help = Localised()
    required = serializers.BooleanField(  # type: ignore[assignment]
        help_text="Wymagane (gdy brak warunku required_when)."
    )
    show_when = Formula("show_when", "Warunek pokazania pola; ukryte pole nie jest zapisywane.")
    required_when = Formula("required_when", "Warunek, kiedy pole jest wymagane.")
    prefill = serializers.CharField(help_text="Co z danych strony wypełnia pole w szkicu.")
    multiline = serializers.BooleanField()
    max_length = serializers.IntegerField()
    minimum = Number("Najmniejsza liczba (tekst, np. 0.5).")
    maximum = Number("Największa liczba.")
    decimals = serializers.IntegerField(help_text="Miejsca po przecinku (0: liczba całkowita).")
    choices = MobileFormChoiceSerializer(many=True)
    identifier = serializers.CharField(
        help_text="Rodzaj numeru pola identifier: pesel | nip | nrb | postal_code | email | phone"
    )
    file_types = serializers.ListField(
        child=serializers.CharField(), help_text="Dozwolone pliki: pdf | jpg | png | xml"
    )
    max_mb = serializers.IntegerField(help_text="Największy plik (MB).")
    max_files = serializers.IntegerField()
    formula = Formula("formula", "Wzór pola wyliczanego (liczy urząd; pokaż wynik).")
    money = serializers.BooleanField(help_text="Pole wyliczane to kwota w złotych.")


class MobileFormFieldSerializer(MobileFormInnerFieldSerializer):
    min_items = serializers.IntegerField(help_text="Grupa: najmniej pozycji.")
    max_items = serializers.IntegerField(help_text="Grupa: najwięcej pozycji.")
    fields = MobileFormInnerFieldSerializer(  # type: ignore[assignment]
        many=True, help_text="Grupa: pola każdej pozycji."
    )


class MobileFormStepSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = Localised()
    help = Localised()
    show_when = Formula("show_when", "Warunek pokazania kroku.")
    fields = MobileFormFieldSerializer(many=True)  # type: ignore[assignment]


@dataclass(frozen=True)
class FormVersion:
    """One version of a form (a Wagtail revision) as the app fills it in."""

    revision: int
    definition: Definition

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.definition.steps

    @property
    def fee_field(self) -> str:
        return self.definition.fee_field

    @property
    def constants(self) -> dict[str, str]:
        return {key: f"{value.normalize():f}" for key, value in self.definition.constants.items()}

    @property
    def schema(self) -> dict[str, Any]:
        return schema_of(self.definition)


class MobileFormVersionSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        help_text="Wersja formularza: podaj ją przy zapisie odpowiedzi."
    )
    steps = MobileFormStepSerializer(many=True)
    fee_field = serializers.CharField(help_text="Pole wyliczane z opłatą; puste bez opłaty.")
    constants = serializers.DictField(
        child=serializers.CharField(), help_text="Stałe gminy, których używają wzory."
    )
    schema = serializers.DictField(
        help_text="JSON Schema (draft 2020-12) dokumentu odpowiedzi tej wersji; wymagalność "
        "wynika z warunków pól, nie ze schematu."
    )


# ---------------------------------------------------------------- forms


class MobileFormSerializer(MobileModelSerializer):
    name = Localised()
    intro = Localised()
    revision = serializers.IntegerField(
        source="live_revision_id", help_text="Wersja, na której zaczyna się nowy wniosek."
    )
    has_fee = serializers.SerializerMethodField(help_text="Przed złożeniem trzeba zapłacić.")

    class Meta:
        model = EServiceForm
        fields = ["slug", "name", "intro", "anonymous", "signature_required", "has_fee",
                  "fee_title", "revision"]  # fmt: skip

    def get_has_fee(self, form: EServiceForm) -> bool:
        return bool(form.fee_field)


class MobileFormDetailSerializer(MobileFormSerializer):
    version = serializers.SerializerMethodField()

    class Meta(MobileFormSerializer.Meta):
        fields = [*MobileFormSerializer.Meta.fields, "version"]

    @extend_schema_field(MobileFormVersionSerializer)
    def get_version(self, form: EServiceForm) -> dict[str, Any]:
        return MobileFormVersionSerializer(self.context["version"]).data


# ---------------------------------------------------------------- applications


class MobileApplicationFormSerializer(MobileModelSerializer):
    name = Localised()

    class Meta:
        model = EServiceForm
        fields = ["slug", "name"]


class MobileApplicationSerializer(MobileModelSerializer):
    form = MobileApplicationFormSerializer()
    state = serializers.CharField(help_text="draft | awaiting_payment | submitted")
    state_display = serializers.CharField(source="get_state_display")
    fee = serializers.DecimalField(
        max_digits=10, decimal_places=2, allow_null=True,
        help_text="Opłata do zapłaty przed złożeniem (ustalana przy składaniu).",
    )  # fmt: skip
    case = serializers.IntegerField(
        source="case_id", allow_null=True, help_text="Sprawa założona z wniosku (/cases/{id}/)."
    )

    class Meta:
        model = Submission
        fields = ["id", "form", "party", "state", "state_display", "reference", "fee", "case",
                  "created_at", "updated_at", "expires_at", "submitted_at"]  # fmt: skip
        extra_kwargs = {"expires_at": {"help_text": "Szkic jest usuwany po tej chwili."}}


class MobileApplicationAttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    token = serializers.CharField(help_text="Wartość pola plikowego w odpowiedziach.")
    field = serializers.CharField(source="field_key", help_text="Pole formularza.")
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="Rozmiar w bajtach.")
    url = serializers.URLField(help_text="Pobranie pliku (z tokenem urządzenia).")


class MobileApplicationDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    url = serializers.URLField(help_text="Pobranie pliku (z tokenem urządzenia).")


class MobileApplicationDetailSerializer(MobileApplicationSerializer):
    revision = serializers.IntegerField(source="revision_id")
    answers = serializers.DictField(
        help_text="Odpowiedzi według kluczy pól (dokument opisany schematem wersji)."
    )
    errors = serializers.SerializerMethodField(  # type: ignore[assignment]
        help_text="Co jeszcze nie pozwala złożyć szkicu: ścieżka pola → komunikaty (pusty: "
        "można składać). Ścieżka pola grupy: grupa.numer.pole, np. mieszkancy.0.pesel."
    )
    computed = serializers.SerializerMethodField(
        help_text="Szkic: wartości pól wyliczanych z obecnych odpowiedzi (np. opłata); "
        "złożony wniosek ma je w answers."
    )
    attachments = serializers.SerializerMethodField(
        help_text="Pliki dołączone do szkicu; po złożeniu są dokumentami wniosku."
    )
    documents = serializers.SerializerMethodField(
        help_text="Dokumenty złożonego wniosku: PDF, kopie XML i JSON, UPP, załączniki."
    )
    version = serializers.SerializerMethodField(help_text="Wersja formularza tego wniosku.")

    class Meta(MobileApplicationSerializer.Meta):
        fields = [*MobileApplicationSerializer.Meta.fields, "revision", "answers", "errors",
                  "computed", "attachments", "documents", "version"]  # fmt: skip

    @extend_schema_field(
        serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    )
    def get_errors(self, submission: Submission) -> dict[str, list[str]]:
        return {path: [message] for path, message in self.context["errors"].items()}

    @extend_schema_field(serializers.DictField())
    def get_computed(self, submission: Submission) -> dict[str, Any]:
        return dict(self.context["computed"])

    @extend_schema_field(MobileApplicationAttachmentSerializer(many=True))
    def get_attachments(self, submission: Submission) -> Any:
        return MobileApplicationAttachmentSerializer(self.context["attachments"], many=True).data

    @extend_schema_field(MobileApplicationDocumentSerializer(many=True))
    def get_documents(self, submission: Submission) -> Any:
        return MobileApplicationDocumentSerializer(self.context["documents"], many=True).data

    @extend_schema_field(MobileFormVersionSerializer)
    def get_version(self, submission: Submission) -> dict[str, Any]:
        return MobileFormVersionSerializer(self.context["version"]).data


class MobileLoginRequiredSerializer(ProblemSerializer):
    portal_url = serializers.URLField(
        required=False, help_text="Przy login-gov-pl-required: podsumowanie wniosku w portalu."
    )


# ---------------------------------------------------------------- what the app sends


def _control_characters_in(value: Any, depth: int = 0) -> bool:
    if depth > MAX_ANSWER_DEPTH:
        return True
    if isinstance(value, str):
        return has_control_characters(value)
    if isinstance(value, dict):
        return any(
            _control_characters_in(key, depth + 1) or _control_characters_in(item, depth + 1)
            for key, item in value.items()
        )
    if isinstance(value, list):
        return any(_control_characters_in(item, depth + 1) for item in value)
    return False


class MobileAnswersRequestSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=1,
        help_text="Wersja formularza, którą wypełniasz (revision wniosku); inna: 409.",
    )
    answers = serializers.DictField(
        help_text="Odpowiedzi według kluczy pól: podane zastępują zapisane, null lub pusty "
        "tekst usuwa odpowiedź. Pola spoza formularza i pola wyliczane: 400."
    )

    def validate_answers(self, value: dict[str, Any]) -> dict[str, Any]:
        if _control_characters_in(value):
            raise serializers.ValidationError(
                _("Odpowiedzi zawierają znaki sterujące (np. NUL) lub są zbyt zagnieżdżone.")
            )
        return value


class MobileAttachRequestSerializer(serializers.Serializer):
    field = serializers.CharField(max_length=40, help_text="Klucz pola plikowego formularza.")
    file = serializers.FileField(help_text="Plik (typ i rozmiar według pola).")

    def validate_file(self, value: Any) -> Any:
        if has_control_characters(value.name or ""):
            raise serializers.ValidationError(_("Nazwa pliku zawiera znaki sterujące."))
        return value
