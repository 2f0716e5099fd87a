"""The form engine on a waste declaration: normalising, the JSON Schema, conditions and
the computed fee, worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator

from eurzad.eservices.answers import FORM, check
from eurzad.eservices.definition import DefinitionError, read
from eurzad.eservices.schema import schema_of
from tests.eservices.waste import CONSTANTS, STEPS, field, step

PESEL = "44051401359"
DEFINITION = read(STEPS, fee_field="oplata", constants=CONSTANTS)
ANSWERS = {
    "imie_nazwisko": " Jan Kowalski ",
    "pesel": "440514 01359",
    "metoda": "osoby",
    "osoby": "4",
    "kompostownik": "tak",
    "oswiadczenie": "on",
}


def test_a_household_of_four_that_composts_pays_four_times_the_rate_less_the_exemption():
    checked = check(DEFINITION, ANSWERS)
    assert checked.errors == {}
    # 4 × 32,00 − 4 × 2,00 = 120,00 zł
    assert checked.answers["oplata"] == "120.00"
    assert checked.answers["pesel"] == PESEL and checked.answers["imie_nazwisko"] == "Jan Kowalski"
    assert checked.answers["osoby"] == 4 and checked.answers["oswiadczenie"] is True


def test_by_water_use_the_household_size_is_hidden_and_not_kept():
    answers = {**ANSWERS, "metoda": "woda", "woda_m3": "7,5", "kompostownik": "nie"}
    checked = check(DEFINITION, answers)
    assert checked.errors == {}
    assert "osoby" not in checked.answers  # answered, then hidden: not kept
    assert checked.answers["oplata"] == "86.25"  # 7,5 × 11,50


def test_a_field_required_only_when_shown():
    checked = check(DEFINITION, {**ANSWERS, "osoby": ""})
    assert checked.errors == {"osoby": "„Liczba mieszkańców”: to pole jest wymagane."}
    checked = check(DEFINITION, {**ANSWERS, "metoda": "woda", "osoby": ""})
    assert checked.errors == {"woda_m3": "„Zużycie wody (m³ miesięcznie)”: to pole jest wymagane."}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("pesel", "44051401358", "„PESEL”: Numer PESEL jest nieprawidłowy"),
        ("kod_pocztowy", "34123", "„Kod pocztowy”: Kod pocztowy podaj w postaci 00-000."),
        ("osoby", "0", "„Liczba mieszkańców”: podaj liczbę od 1 do 30."),
        ("osoby", "2,5", "„Liczba mieszkańców”: podaj liczbę całkowitą."),
        ("osoby", "dużo", "„Liczba mieszkańców”: podaj liczbę."),
        ("metoda", "powierzchnia", "„Sposób naliczenia”: wybierz jedną z podanych odpowiedzi."),
    ],
)
def test_a_bad_answer_is_refused_with_its_label_and_everything_typed_comes_back(
    key, value, message
):
    checked = check(DEFINITION, {**ANSWERS, key: value})
    assert checked.errors[key].startswith(message)
    assert set(checked.errors) == {key}
    assert checked.answers["imie_nazwisko"] == "Jan Kowalski"  # nothing else is lost


def test_a_field_not_in_the_form_is_refused():
    checked = check(DEFINITION, {**ANSWERS, "admin": "tak"})
    assert checked.errors == {
        FORM: "Formularz nie ma pola, które przesłano – odśwież stronę i wypełnij go ponownie."
    }


def test_a_computed_value_sent_by_the_client_is_refused():
    checked = check(DEFINITION, {**ANSWERS, "oplata": "0.01"})
    assert checked.errors == {
        "oplata": "„Opłata miesięczna” urząd wylicza sam: tej wartości się nie podaje."
    }
    assert checked.answers["oplata"] == "120.00"


def test_entries_of_a_repeating_group_are_checked_one_by_one():
    entries = [{"imie": "Anna", "pesel": PESEL}, {"imie": "", "pesel": "123"}]
    checked = check(DEFINITION, {**ANSWERS, "mieszkancy": entries})
    assert checked.errors == {
        "mieszkancy.1.pesel": "„PESEL”: Numer PESEL jest nieprawidłowy: sprawdź, czy ma 11 cyfr "
        "i czy nie ma w nim literówki.",
        "mieszkancy.1.imie": "„Imię”: to pole jest wymagane.",
    }


def test_a_draft_checks_only_what_was_answered():
    checked = check(DEFINITION, {"metoda": "osoby"}, complete=False)
    assert checked.errors == {}
    checked = check(DEFINITION, {"metoda": "osoby", "osoby": "0"}, complete=False)
    assert set(checked.errors) == {"osoby"}


def test_one_step_checks_only_its_own_fields():
    first = DEFINITION.steps[0]
    checked = check(DEFINITION, {"imie_nazwisko": "Jan", "pesel": PESEL}, steps=[first])
    assert checked.errors == {}
    checked = check(DEFINITION, {"imie_nazwisko": "Jan"}, steps=[first])
    assert set(checked.errors) == {"pesel"}


def test_the_schema_is_a_valid_draft_2020_12_schema_and_validates_the_kept_answers():
    schema = schema_of(DEFINITION)
    Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["metoda"]["enum"] == ["osoby", "woda"]
    kept = dict(check(DEFINITION, ANSWERS).answers)
    kept.pop("oplata")  # written by the office, not part of what a client sends
    assert not list(Draft202012Validator(schema).iter_errors(kept))


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([], "formularz nie ma żadnego kroku"),
        ([step(field("text", "Imię", "x"))], "klucz pola"),
        ([step(field("text", "a", "x"), field("date", "a", "y"))],
         "powtórzone klucze pól: a"),
        ([step(field("text", "a", "x", show_when="b == 1"))],
         "pole a: nieznane nazwy: b"),
        ([step(field("computed", "a", "x", formula="__import__('os')"))],
         "pole a: dozwolone funkcje"),
        ([step(field("computed", "a", "x", formula="a.b"))],
         "pole a: niedozwolony element: Attribute"),
    ],
)  # fmt: skip
def test_a_form_that_cannot_be_filled_in_is_refused_to_the_editor(steps, message):
    with pytest.raises(DefinitionError, match=message):
        read(steps)


def test_a_fee_must_be_a_computed_field():
    with pytest.raises(DefinitionError, match="opłata musi być polem wyliczanym"):
        read(STEPS, fee_field="osoby", constants=CONSTANTS)


def test_the_fee_is_never_negative():
    answers = {**ANSWERS, "metoda": "woda", "woda_m3": "0", "kompostownik": "tak", "osoby": "3"}
    # water use 0: 0 − (osoby is hidden, so 0) = 0,00
    assert check(DEFINITION, answers).answers["oplata"] == "0.00"
    assert Decimal(check(DEFINITION, answers).answers["oplata"]) >= 0


@pytest.mark.parametrize(
    ("formula", "kept"),
    [("5 * 2", "10"), ("5 / 2", "2.5"), ("1 / 3", "0.3333"), ('"tak" if 1 else "nie"', "tak"),
     ("2 > 1", True)],
)  # fmt: skip
def test_a_computed_value_is_kept_as_plain_text(formula, kept):
    definition = read([step(field("computed", "wynik", "Wynik", formula=formula))])
    assert check(definition, {}).answers["wynik"] == kept
