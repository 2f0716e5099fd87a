"""What an editor builds a form from in the Wagtail admin: steps of typed fields.

The blocks store exactly what :mod:`eurzad.eservices.definition` reads; the block
clean() refuses what the definition would (a bad key, a formula that does not parse),
so a form that saves is a form that can be filled in.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from eurzad.core.uploads import FILE_TYPES
from eurzad.eservices.definition import KEY, MAX_FILE_MB
from eurzad.eservices.formulas import FormulaError, parse
from eurzad.eservices.prefill import SOURCES


def _check_key(value: str) -> None:
    if not KEY.match(value or ""):
        raise ValidationError(
            _("Klucz: małe litery bez polskich znaków, cyfry i podkreślnik, zaczyna się literą.")
        )


def _check_formula(value: str) -> None:
    if value and value.strip():
        try:
            parse(value)
        except FormulaError as error:
            raise ValidationError(_("Formuła: %(error)s") % {"error": error}) from error


class FieldBlock(blocks.StructBlock):
    """What every question has: its key in the answers, labels, help, when it shows."""

    key = blocks.CharBlock(
        label=_("Klucz"),
        max_length=40,
        validators=[_check_key],
        help_text=_("Nazwa pola w danych wniosku i w formułach, np. liczba_osob."),
    )
    label = blocks.CharBlock(label=_("Etykieta"), max_length=200)
    label_en = blocks.CharBlock(label=_("Etykieta po angielsku"), max_length=200, required=False)
    help = blocks.TextBlock(label=_("Podpowiedź"), required=False)
    help_en = blocks.TextBlock(label=_("Podpowiedź po angielsku"), required=False)
    required = blocks.BooleanBlock(label=_("Wymagane"), required=False)
    show_when = blocks.CharBlock(
        label=_("Pokaż, gdy"),
        required=False,
        validators=[_check_formula],
        help_text=_('Warunek, np. metoda == "osoby". Puste: zawsze.'),
    )
    required_when = blocks.CharBlock(
        label=_("Wymagane, gdy"),
        required=False,
        validators=[_check_formula],
        help_text=_('Warunek, np. kompostownik == "tak". Zastępuje „Wymagane”.'),
    )

    class Meta:
        icon = "form"


def _prefill() -> blocks.ChoiceBlock:
    return blocks.ChoiceBlock(
        label=_("Wypełnij danymi zalogowanej osoby"),
        choices=[("", _("nie"))] + [(key, source.label) for key, source in SOURCES.items()],
        required=False,
    )


class TextFieldBlock(FieldBlock):
    multiline = blocks.BooleanBlock(label=_("Dłuższy tekst"), required=False)
    max_length = blocks.IntegerBlock(label=_("Najwięcej znaków"), default=500, min_value=1)
    prefill = _prefill()

    class Meta:
        label = _("Tekst")
        icon = "pilcrow"


class NumberFieldBlock(FieldBlock):
    minimum = blocks.DecimalBlock(label=_("Najmniej"), required=False)
    maximum = blocks.DecimalBlock(label=_("Najwięcej"), required=False)
    decimals = blocks.IntegerBlock(label=_("Miejsca po przecinku"), default=0, min_value=0)

    class Meta:
        label = _("Liczba")
        icon = "order"


class DateFieldBlock(FieldBlock):
    class Meta:
        label = _("Data")
        icon = "date"


class ChoiceBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Wartość"), max_length=60, validators=[_check_key])
    label = blocks.CharBlock(label=_("Etykieta"), max_length=200)
    label_en = blocks.CharBlock(label=_("Etykieta po angielsku"), max_length=200, required=False)


class ChoiceFieldBlock(FieldBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Odpowiedzi"), min_num=1)

    class Meta:
        label = _("Wybór")
        icon = "list-ul"


class IdentifierFieldBlock(FieldBlock):
    identifier = blocks.ChoiceBlock(
        label=_("Rodzaj"),
        choices=[
            ("pesel", _("PESEL")),
            ("nip", _("NIP")),
            ("nrb", _("numer rachunku bankowego")),
            ("postal_code", _("kod pocztowy")),
            ("email", _("adres e-mail")),
            ("phone", _("telefon")),
        ],
    )
    prefill = _prefill()

    class Meta:
        label = _("Numer lub kod")
        icon = "tag"


class FileFieldBlock(FieldBlock):
    file_types = blocks.MultipleChoiceBlock(
        label=_("Dozwolone pliki"),
        choices=[(key, key.upper()) for key in FILE_TYPES],
        default=["pdf", "jpg", "png"],
    )
    max_mb = blocks.IntegerBlock(
        label=_("Największy plik (MB)"), default=MAX_FILE_MB, min_value=1, max_value=MAX_FILE_MB
    )
    max_files = blocks.IntegerBlock(
        label=_("Najwięcej plików"), default=1, min_value=1, max_value=10
    )

    class Meta:
        label = _("Załącznik")
        icon = "doc-full"


class ConsentFieldBlock(FieldBlock):
    class Meta:
        label = _("Oświadczenie do zaznaczenia")
        icon = "tick"


class ComputedFieldBlock(FieldBlock):
    formula = blocks.CharBlock(
        label=_("Formuła"),
        validators=[_check_formula],
        help_text=_("Np. liczba_osob * stawka_osoba. Dozwolone: + - * /, len, min, max, round."),
    )
    money = blocks.BooleanBlock(label=_("Kwota w złotych"), required=False)

    class Meta:
        label = _("Pole wyliczane")
        icon = "cogs"


SIMPLE_FIELDS = [
    ("text", TextFieldBlock()),
    ("number", NumberFieldBlock()),
    ("date", DateFieldBlock()),
    ("choice", ChoiceFieldBlock()),
    ("identifier", IdentifierFieldBlock()),
    ("file", FileFieldBlock()),
    ("consent", ConsentFieldBlock()),
]


class GroupFieldBlock(FieldBlock):
    """A repeating group: co-owners, household members…"""

    fields = blocks.StreamBlock(SIMPLE_FIELDS, label=_("Pola każdej pozycji"))
    min_items = blocks.IntegerBlock(label=_("Najmniej pozycji"), default=0, min_value=0)
    max_items = blocks.IntegerBlock(label=_("Najwięcej pozycji"), default=20, min_value=1)

    class Meta:
        label = _("Grupa powtarzalna")
        icon = "group"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tytuł kroku"), max_length=120)
    title_en = blocks.CharBlock(label=_("Tytuł po angielsku"), max_length=120, required=False)
    help = blocks.TextBlock(label=_("Wprowadzenie"), required=False)
    help_en = blocks.TextBlock(label=_("Wprowadzenie po angielsku"), required=False)
    show_when = blocks.CharBlock(
        label=_("Pokaż krok, gdy"), required=False, validators=[_check_formula]
    )
    fields = blocks.StreamBlock(
        [*SIMPLE_FIELDS, ("group", GroupFieldBlock()), ("computed", ComputedFieldBlock())],
        label=_("Pola"),
    )

    class Meta:
        label = _("Krok")
        icon = "list-ol"
