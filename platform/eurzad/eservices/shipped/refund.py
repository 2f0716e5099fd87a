"""Wniosek o zwrot nadpłaty (podatki i opłaty lokalne, opłata za odpady).

Ordynacja podatkowa: an overpayment is first set off against the taxpayer's arrears and
current liabilities (art. 76); the rest is refunded (art. 77b § 1) to the bank account of
a taxpayer obliged to hold one only; to another taxpayer to the account they name or by
postal order, unless they ask for it at the office's cash desk. A postal order is reduced
by its cost (§ 4). The waste fee follows the Ordynacja (act on keeping municipalities
clean and tidy, art. 6q).

JRWA 3110 (property tax, whose entry in the gminas' JRWA lists stating an overpayment)
is a suggestion: for another tax the office uses that tax's symbol.
"""

from __future__ import annotations

from eurzad.eservices.shipped.base import (
    ShippedForm,
    applicant,
    choice,
    field,
    privacy_notice,
    step,
    truthful,
)

STEPS = [
    step("Wnioskodawca", "Applicant", *applicant()),
    step(
        "Nadpłata", "The overpayment",
        field("choice", "zobowiazanie", "Nadpłata dotyczy", "The overpayment concerns",
              required=True, choices=[
                  choice("podatek_od_nieruchomosci", "podatku od nieruchomości",
                         "property tax"),
                  choice("podatek_rolny", "podatku rolnego", "agricultural tax"),
                  choice("podatek_lesny", "podatku leśnego", "forest tax"),
                  choice("podatek_od_srodkow_transportowych",
                         "podatku od środków transportowych", "vehicle tax"),
                  choice("oplata_za_odpady", "opłaty za gospodarowanie odpadami komunalnymi",
                         "municipal waste fee"),
                  choice("inne", "innej należności", "another charge"),
              ]),
        field("text", "zobowiazanie_inne", "Jakiej należności", "Which charge",
              max_length=200, show_when='zobowiazanie == "inne"',
              required_when='zobowiazanie == "inne"'),
        field("number", "rok", "Za rok", "For the year", required=True, minimum=2000,
              maximum=2100),
        field("number", "kwota", "Kwota nadpłaty (zł)", "Amount overpaid (PLN)",
              required=True, decimals=2, minimum="0.01", maximum="10000000"),
        field("text", "uzasadnienie", "Skąd wzięła się nadpłata", "How it was overpaid",
              multiline=True, max_length=2000,
              help="Nieobowiązkowo, np. podwójna wpłata raty, zmiana decyzji, korekta "
              "deklaracji.",
              help_en="Optional, e.g. an instalment paid twice, a changed decision, a "
              "corrected declaration."),
        help="Nadpłatę urząd najpierw zalicza na Twoje zaległości i bieżące zobowiązania "
        "podatkowe; zwraca to, co zostanie.",
        help_en="The office first sets the overpayment off against your arrears and current "
        "tax liabilities, and refunds what is left.",
    ),
    step(
        "Sposób zwrotu", "How to refund",
        field("choice", "sposob_zwrotu", "Zwrot proszę przekazać", "Please refund",
              required=True, choices=[
                  choice("rachunek", "na rachunek bankowy", "to a bank account"),
                  choice("kasa", "do wypłaty w kasie urzędu", "in cash at the office's desk"),
                  choice("przekaz", "przekazem pocztowym na adres wnioskodawcy",
                         "by postal order to my address"),
              ],
              help="Kto musi mieć rachunek bankowy (np. firma), dostaje zwrot tylko na ten "
              "rachunek. Zwrot przekazem pocztowym jest pomniejszony o jego koszt.",
              help_en="Whoever must hold a bank account (e.g. a firm) is refunded to that "
              "account only. A postal order is reduced by its cost."),
        field("identifier", "nrb", "Numer rachunku bankowego (26 cyfr)",
              "Bank account number (26 digits)", identifier="nrb",
              show_when='sposob_zwrotu == "rachunek"',
              required_when='sposob_zwrotu == "rachunek"'),
        field("text", "posiadacz_rachunku", "Właściciel rachunku", "Account holder",
              max_length=200, show_when='sposob_zwrotu == "rachunek"',
              help="Gdy jest nim ktoś inny niż wnioskodawca.",
              help_en="When it is not the applicant."),
    ),
    step("Oświadczenia", "Statements", truthful(), privacy_notice()),
]  # fmt: skip

FORM = ShippedForm(
    key="overpayment_refund",
    slug="zwrot-nadplaty",
    name="Wniosek o zwrot nadpłaty",
    name_en="Application for a refund of an overpayment",
    intro=(
        "Jeśli zapłaciłeś więcej podatku lub opłaty lokalnej, niż było trzeba, złóż wniosek "
        "o zwrot nadpłaty. Urząd najpierw zaliczy ją na ewentualne zaległości, a resztę "
        "zwróci na rachunek bankowy, w kasie albo przekazem pocztowym. Złożenie wniosku "
        "nic nie kosztuje."
    ),
    intro_en=(
        "If you paid more tax or local fee than was due, apply for a refund. The office "
        "first sets the overpayment off against any arrears and refunds the rest to a bank "
        "account, in cash at its desk or by postal order. Applying is free of charge."
    ),
    jrwa_symbol="3110",
    case_subject="Zwrot nadpłaty",
    steps=STEPS,
    service_slugs=("zwrot-nadplaty", "zwrot-nadplaty-podatku"),
)
