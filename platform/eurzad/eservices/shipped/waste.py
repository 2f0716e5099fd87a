"""Deklaracja o wysokości opłaty za gospodarowanie odpadami komunalnymi.

The act of 13 September 1996 on keeping municipalities clean and tidy (ustawa
o utrzymaniu czystości i porządku w gminach): the owner of a lived-in property files it
within 14 days of the first resident moving in, and a new one by the 10th day of the
month after a change (art. 6m); the fee is charged for the month of the change. The
council sets the method and rates (art. 6j, 6k) and, compulsorily, a partial exemption
for owners of single-family houses composting bio-waste in a home composter,
proportionate to the savings (art. 6k ust. 4a); the office may check the composter and
take the exemption away (art. 6ka).

The rates are the town's: ``stawka_osoba`` (per resident a month), ``stawka_woda`` (per m³
of water a month; 0 where the council charges per resident only, which hides the choice
of method) and ``ulga_kompost`` (the composting exemption per resident a month). Until an
editor sets them, the form stays a draft.

JRWA 3115 is the symbol the platform suggests (and its tests use); it was not confirmed
against the JRWA of the gminas' instrukcja kancelaryjna from a source available here —
each office sets its own symbol in the form.
"""

from __future__ import annotations

from decimal import Decimal

from eurzad.eservices.shipped.base import (
    YES_NO,
    ShippedConstant,
    ShippedForm,
    applicant,
    choice,
    field,
    privacy_notice,
    step,
    truthful,
)

FEE = (
    '(woda_m3 * stawka_woda if metoda == "woda" else liczba_osob * stawka_osoba)'
    ' - (liczba_osob * ulga_kompost if kompostownik == "tak" else 0)'
)

STEPS = [
    step(
        "Okoliczności złożenia deklaracji", "Why you file this declaration",
        field("choice", "przyczyna", "Składam", "I am filing", required=True, choices=[
            choice("pierwsza", "pierwszą deklarację (zamieszkał pierwszy mieszkaniec)",
                   "a first declaration (the first resident moved in)"),
            choice("zmiana", "nową deklarację – zmieniły się dane, od których zależy opłata",
                   "a new declaration – the data the fee depends on changed"),
            choice("korekta", "korektę złożonej deklaracji",
                   "a correction of a declaration already filed"),
        ]),
        field("date", "data_od", "Od kiedy obowiązuje deklaracja", "Effective from",
              required=True,
              help="Pierwsza deklaracja: dzień, w którym zamieszkał pierwszy mieszkaniec. "
              "Zmiana: dzień zmiany – opłatę w nowej wysokości płacisz już za miesiąc, "
              "w którym nastąpiła. Korekta: od kiedy obowiązują poprawione dane.",
              help_en="First declaration: the day the first resident moved in. Change: the "
              "day of the change – the new fee is due for the month in which it happened. "
              "Correction: the day from which the corrected data apply."),
        field("text", "uzasadnienie", "Co się zmieniło lub co poprawiasz",
              "What changed or what you are correcting", multiline=True, max_length=2000,
              show_when='przyczyna in ["zmiana", "korekta"]',
              required_when='przyczyna in ["zmiana", "korekta"]',
              help="Np. urodziło się dziecko, ktoś się wyprowadził, zaczynam kompostować.",
              help_en="E.g. a child was born, someone moved out, I started composting."),
        help="Pierwszą deklarację składasz w ciągu 14 dni od zamieszkania pierwszego "
        "mieszkańca, nową – do 10. dnia miesiąca następującego po miesiącu zmiany.",
        help_en="File the first declaration within 14 days of the first resident moving "
        "in, and a new one by the 10th day of the month after the month of the change.",
    ),
    step(
        "Składający deklarację", "Who files",
        field("choice", "tytul_prawny", "Jestem", "I am", required=True, choices=[
            choice("wlasciciel", "właścicielem", "the owner"),
            choice("wspolwlasciciel", "współwłaścicielem", "a co-owner"),
            choice("uzytkownik_wieczysty", "użytkownikiem wieczystym",
                   "the perpetual usufructuary"),
            choice("zarzadca", "zarządcą, wspólnotą lub spółdzielnią mieszkaniową",
                   "the manager, housing community or cooperative"),
            choice("wladajacy", "najemcą, dzierżawcą lub inną osobą władającą nieruchomością",
                   "a tenant, lessee or another person holding the property"),
        ]),
        *applicant(),
        field("identifier", "telefon", "Telefon", "Phone", identifier="phone",
              help="Nieobowiązkowo, do szybkiego wyjaśnienia wątpliwości.",
              help_en="Optional, to clear up questions quickly."),
    ),
    step(
        "Nieruchomość", "The property",
        field("text", "nieruchomosc_ulica", "Ulica i numer domu", "Street and house number",
              required=True, max_length=200,
              help="Adres nieruchomości, której dotyczy deklaracja.",
              help_en="The address of the property this declaration is for."),
        field("identifier", "nieruchomosc_kod", "Kod pocztowy", "Postal code",
              identifier="postal_code", required=True),
        field("text", "nieruchomosc_miejscowosc", "Miejscowość", "Town or village",
              required=True, max_length=100),
        field("text", "nr_dzialki", "Numer działki ewidencyjnej", "Land parcel number",
              max_length=100, help="Gdy budynek nie ma jeszcze numeru porządkowego.",
              help_en="When the building has no house number yet."),
        field("choice", "zabudowa", "Nieruchomość to", "The property is", required=True,
              choices=[
                  choice("jednorodzinny", "budynek mieszkalny jednorodzinny",
                         "a single-family house"),
                  choice("wielolokalowy", "lokal w budynku wielolokalowym",
                         "a flat in a multi-family building"),
              ]),
    ),
    step(
        "Wysokość opłaty", "The fee",
        field("choice", "metoda", "Opłatę naliczam", "The fee is charged", required=True,
              show_when="stawka_woda > 0", choices=[
                  choice("osoby", "od liczby mieszkańców", "per resident"),
                  choice("woda", "od zużycia wody", "by water use"),
              ],
              help="Metody dopuszcza uchwała rady gminy w sprawie wyboru metody ustalenia "
              "opłaty.",
              help_en="The methods are those the council's resolution allows."),
        field("number", "liczba_osob", "Liczba osób zamieszkujących nieruchomość",
              "Number of people living at the property", required=True, minimum=1,
              maximum=99),
        field("number", "woda_m3", "Średnie miesięczne zużycie wody (m³)",
              "Average monthly water use (m³)", decimals=1, minimum=0, maximum=10000,
              # the method is asked only where there is a water rate: an answer given
              # elsewhere is dropped, and so is the water use with it
              show_when='stawka_woda > 0 and metoda == "woda"',
              required_when='stawka_woda > 0 and metoda == "woda"'),
        field("choice", "kompostownik",
              "Kompostuję bioodpady w kompostowniku przydomowym",
              "I compost bio-waste in a home composter", choices=YES_NO,
              show_when='zabudowa == "jednorodzinny"',
              required_when='zabudowa == "jednorodzinny"',
              help="Właściciel domu jednorodzinnego, który kompostuje bioodpady "
              "w kompostowniku przydomowym, jest w części zwolniony z opłaty (art. 6k "
              "ust. 4a ustawy o utrzymaniu czystości i porządku w gminach).",
              help_en="The owner of a single-family house who composts bio-waste in a home "
              "composter pays part of the fee only (the act on keeping municipalities "
              "clean and tidy, art. 6k(4a))."),
        field("consent", "oswiadczenie_kompost",
              "Oświadczam, że posiadam kompostownik przydomowy i kompostuję w nim "
              "bioodpady stanowiące odpady komunalne.",
              "I declare that I have a home composter and compost bio-waste in it.",
              show_when='zabudowa == "jednorodzinny" and kompostownik == "tak"',
              required_when='zabudowa == "jednorodzinny" and kompostownik == "tak"',
              help="Urząd może to sprawdzić na miejscu. Gdy kompostownika nie ma, nie jest "
              "używany albo oględziny są niemożliwe, zwolnienie przepada decyzją wójta "
              "(burmistrza, prezydenta miasta).",
              help_en="The office may check this on site. Without a composter in use, or if "
              "the check is prevented, the exemption is withdrawn by decision."),
        field("computed", "oplata", "Miesięczna opłata (zł)", "Monthly fee (PLN)",
              money=True, formula=FEE,
              help="Liczba mieszkańców × stawka (albo zużycie wody × stawka) minus "
              "zwolnienie za kompostowanie dla każdego mieszkańca.",
              help_en="Residents × rate (or water use × rate), less the composting "
              "exemption for each resident."),
    ),
    step(
        "Oświadczenia", "Statements",
        truthful("w deklaracji", "in this declaration"),
        privacy_notice(),
        help="Pouczenie: jeżeli opłata nie zostanie wpłacona w terminie lub zostanie "
        "wpłacona w niepełnej wysokości, ta deklaracja jest podstawą do wystawienia "
        "tytułu wykonawczego.",
        help_en="Notice: if the fee is not paid on time or in full, this declaration is the "
        "basis for an enforcement title.",
    ),
]  # fmt: skip

FORM = ShippedForm(
    key="waste_declaration",
    slug="deklaracja-oplaty-za-odpady",
    name="Deklaracja o wysokości opłaty za gospodarowanie odpadami komunalnymi",
    name_en="Municipal waste fee declaration",
    intro=(
        "Deklarację składa właściciel nieruchomości, na której mieszkają ludzie – także "
        "współwłaściciel, użytkownik wieczysty, zarządca lub inna osoba władająca "
        "nieruchomością. Pierwszą składasz w ciągu 14 dni od zamieszkania pierwszego "
        "mieszkańca, nową – do 10. dnia miesiąca następującego po miesiącu, w którym "
        "zmieniła się liczba mieszkańców lub inne dane, od których zależy opłata. "
        "Formularz sam wyliczy miesięczną opłatę według stawek z uchwały rady gminy."
    ),
    intro_en=(
        "The owner of a property where people live files this declaration – or a co-owner, "
        "perpetual usufructuary, manager or another person holding the property. File the "
        "first one within 14 days of the first resident moving in, and a new one by the 10th "
        "day of the month after the month in which the number of residents or other data "
        "the fee depends on changed. The form works out the monthly fee from the rates set "
        "by the municipal council."
    ),
    editor_note=(
        "Dla redakcji (usuń ten akapit przed publikacją): stawki są stałymi formularzy "
        "stawka_osoba, stawka_woda (0, gdy gmina nie nalicza opłaty od zużycia wody) "
        "i ulga_kompost. Wpisz je w menu E-usługi → Stałe formularzy według uchwał rady "
        "gminy, w polu „podstawa” podaj numer uchwały, sprawdź formułę pola „Miesięczna "
        "opłata” z metodą z uchwały i dopiero wtedy opublikuj formularz."
    ),
    jrwa_symbol="3115",
    case_subject="Deklaracja o wysokości opłaty za gospodarowanie odpadami komunalnymi",
    steps=STEPS,
    signature_required=True,  # art. 6n ust. 1 pkt 2 lit. c: the council names the signature
    fee_field="",  # the declared fee is paid later, to the schedule: nothing to pay to file
    constants=(
        ShippedConstant(
            "stawka_osoba",
            Decimal("0.00"),
            "Opłata za odpady: stawka miesięczna od mieszkańca (zł)",
        ),
        ShippedConstant(
            "stawka_woda",
            Decimal("0.00"),
            "Opłata za odpady: stawka miesięczna od 1 m³ zużytej wody (zł); "
            "0 – gmina nie stosuje tej metody",
        ),
        ShippedConstant(
            "ulga_kompost",
            Decimal("0.00"),
            "Opłata za odpady: zwolnienie za kompostowanie, miesięcznie od mieszkańca (zł)",
        ),
    ),
    service_slugs=(
        "deklaracja-oplata-za-odpady",
        "deklaracja-oplaty-za-odpady",
        "deklaracja-o-wysokosci-oplaty-za-gospodarowanie-odpadami-komunalnymi",
        "deklaracja-odpady",
    ),
)
