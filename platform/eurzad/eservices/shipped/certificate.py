"""Wniosek o wydanie zaświadczenia o niezaleganiu w podatkach (podatki i opłaty lokalne).

Ordynacja podatkowa art. 306a–306e: the office issues it without undue delay, within
7 days. The act of 16 November 2006 on stamp duty (ustawa o opłacie skarbowej): 21 zł for
each certificate of no tax arrears or stating the arrears (part II of the schedule), due
when the application is filed; a certificate for a matter the act exempts (art. 2, e.g.
social insurance or social assistance) is free — the office checks the matter stated.

JRWA 3120 is a suggestion not confirmed from a source available here; each office sets
its own symbol in the form.
"""

from __future__ import annotations

from decimal import Decimal

from eurzad.eservices.shipped.base import (
    ShippedConstant,
    ShippedForm,
    applicant,
    choice,
    field,
    privacy_notice,
    step,
    truthful,
)

FEE = '0 if cel == "zwolniony" else liczba_egzemplarzy * oplata_zaswiadczenie'

STEPS = [
    step("Wnioskodawca", "Applicant", *applicant()),
    step(
        "Zaświadczenie", "The certificate",
        field("choice", "cel", "Zaświadczenie jest mi potrzebne", "I need the certificate",
              required=True, choices=[
                  choice("bank", "do banku – kredyt lub pożyczka", "for a bank – a loan"),
                  choice("przetarg", "do przetargu lub zamówienia publicznego",
                         "for a tender or public procurement"),
                  choice("dotacja", "do wniosku o dotację lub pomoc publiczną",
                         "for a grant or state aid application"),
                  choice("zwolniony", "do sprawy zwolnionej z opłaty skarbowej",
                         "for a matter exempt from stamp duty"),
                  choice("inny", "w innym celu", "for another purpose"),
              ]),
        field("text", "cel_inny", "W jakim celu", "For what purpose", max_length=300,
              show_when='cel == "inny"', required_when='cel == "inny"'),
        field("text", "podstawa_zwolnienia", "W jakiej sprawie (podstawa zwolnienia)",
              "In what matter (the ground for the exemption)", max_length=300,
              show_when='cel == "zwolniony"', required_when='cel == "zwolniony"',
              help="Np. ubezpieczenie społeczne, pomoc społeczna, zatrudnienie – sprawy "
              "zwolnione z opłaty wymienia art. 2 ustawy o opłacie skarbowej. Urząd to "
              "sprawdzi; gdy zwolnienie nie przysługuje, poprosi o opłatę.",
              help_en="E.g. social insurance, social assistance, employment – the matters "
              "exempt are listed in art. 2 of the stamp duty act. The office checks it and "
              "asks for the fee when no exemption applies."),
        field("number", "liczba_egzemplarzy", "Liczba egzemplarzy", "Number of copies",
              required=True, minimum=1, maximum=10),
        field("choice", "odbior", "Zaświadczenie chcę otrzymać", "I want to receive it",
              required=True, choices=[
                  choice("elektronicznie", "elektronicznie (e-Doręczenia lub e-Urząd)",
                         "electronically (e-Delivery or the e-Office)"),
                  choice("osobiscie", "osobiście w urzędzie", "in person at the office"),
                  choice("poczta", "pocztą na adres wnioskodawcy",
                         "by post to the applicant's address"),
              ]),
        field("computed", "oplata", "Opłata skarbowa (zł)", "Stamp duty (PLN)", money=True,
              formula=FEE,
              help="21 zł za każdy egzemplarz zaświadczenia; w sprawie zwolnionej 0 zł.",
              help_en="PLN 21 for each copy of the certificate; none for an exempt matter."),
    ),
    step("Oświadczenia", "Statements", truthful(), privacy_notice()),
]  # fmt: skip

FORM = ShippedForm(
    key="tax_clearance_certificate",
    slug="zaswiadczenie-o-niezaleganiu",
    name="Wniosek o wydanie zaświadczenia o niezaleganiu w podatkach",
    name_en="Application for a certificate of no tax arrears",
    intro=(
        "Zaświadczenie potwierdza, że nie masz zaległości w podatkach i opłatach lokalnych "
        "pobieranych przez gminę, albo wskazuje ich wysokość. Opłata skarbowa wynosi "
        "21 zł za każdy egzemplarz – zapłacisz ją online przed złożeniem wniosku. Urząd "
        "wydaje zaświadczenie bez zbędnej zwłoki, najpóźniej w ciągu 7 dni."
    ),
    intro_en=(
        "The certificate confirms that you owe no local taxes or fees to the municipality, "
        "or states what you owe. The stamp duty is PLN 21 per copy – you pay it online "
        "before the application is filed. The office issues the certificate without undue "
        "delay, within 7 days at the latest."
    ),
    jrwa_symbol="3120",
    case_subject="Wydanie zaświadczenia o niezaleganiu w podatkach lub stwierdzającego "
    "stan zaległości",
    steps=STEPS,
    fee_field="oplata",
    fee_title="Opłata skarbowa",
    constants=(
        ShippedConstant(
            "oplata_zaswiadczenie",
            Decimal("21.00"),
            "Opłata skarbowa od zaświadczenia o niezaleganiu w podatkach (zł)",
            "ustawa z dnia 16 listopada 2006 r. o opłacie skarbowej, załącznik, część II",
        ),
    ),
    service_slugs=(
        "zaswiadczenie-o-niezaleganiu",
        "zaswiadczenie-o-niezaleganiu-w-podatkach",
    ),
)
