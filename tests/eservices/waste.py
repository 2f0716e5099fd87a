"""A waste declaration as an editor would build it (the raw StreamField JSON): household
size or water use times the town's rate, less the composting exemption per person."""

from __future__ import annotations

from decimal import Decimal

CONSTANTS = {"stawka_osoba": Decimal("32.00"), "stawka_woda": Decimal("11.50"),
             "ulga_kompost": Decimal("2.00")}  # fmt: skip


def field(kind: str, key: str, label: str, **options: object) -> dict:
    return {"type": kind, "value": {"key": key, "label": label, **options}}


def step(*fields: dict, **options: object) -> dict:
    return {"type": "step", "value": {"fields": list(fields), **options}}


STEPS = [
    {"type": "step", "value": {"title": "Składający", "fields": [
        field("text", "imie_nazwisko", "Imię i nazwisko", required=True, prefill="name"),
        field("identifier", "pesel", "PESEL", identifier="pesel", required=True, prefill="pesel"),
        field("identifier", "kod_pocztowy", "Kod pocztowy", identifier="postal_code"),
    ]}},
    {"type": "step", "value": {"title": "Nieruchomość i opłata", "fields": [
        field("choice", "metoda", "Sposób naliczenia", required=True, choices=[
            {"value": "osoby", "label": "od liczby mieszkańców"},
            {"value": "woda", "label": "od zużycia wody"},
        ]),
        field("number", "osoby", "Liczba mieszkańców", minimum=1, maximum=30,
              show_when='metoda == "osoby"', required=True),
        field("number", "woda_m3", "Zużycie wody (m³ miesięcznie)", decimals=1, minimum=0,
              show_when='metoda == "woda"', required=True),
        field("choice", "kompostownik", "Kompostuję bioodpady w kompostowniku przydomowym",
              choices=[{"value": "tak", "label": "tak"}, {"value": "nie", "label": "nie"}],
              required=True),
        field("group", "mieszkancy", "Mieszkańcy", max_items=30, fields=[
            field("text", "imie", "Imię", required=True),
            field("identifier", "pesel", "PESEL", identifier="pesel"),
        ]),
        field("computed", "oplata", "Opłata miesięczna", money=True, formula=(
            '(osoby * stawka_osoba if metoda == "osoby" else woda_m3 * stawka_woda)'
            ' - (osoby * ulga_kompost if kompostownik == "tak" else 0)'
        )),
    ]}},
    {"type": "step", "value": {"title": "Oświadczenie", "fields": [
        field("consent", "oswiadczenie", "Oświadczam, że dane są zgodne z prawdą", required=True),
    ]}},
]  # fmt: skip
