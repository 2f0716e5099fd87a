"""Zgłoszenie awarii lub problemu w przestrzeni publicznej: anyone may file it, without
logging in.

Contact data are optional; given, they are processed to answer the report, on the
person's consent (RODO art. 6 ust. 1 lit. a), so the consent is asked only then.

An anonymous report opens no case (there is no party); JRWA 7021 is a placeholder the
office replaces with its own symbol for such reports.
"""

from __future__ import annotations

from eurzad.eservices.shipped.base import ShippedForm, choice, field, step

STEPS = [
    step(
        "Co się stało", "What happened",
        field("choice", "kategoria", "Czego dotyczy zgłoszenie", "What it is about",
              required=True, choices=[
                  choice("oswietlenie", "oświetlenie uliczne", "street lighting"),
                  choice("droga", "droga lub chodnik", "road or pavement"),
                  choice("zielen", "zieleń (drzewa, trawniki, parki)",
                         "greenery (trees, lawns, parks)"),
                  choice("odpady", "odpady (dzikie wysypisko, przepełniony kosz)",
                         "waste (fly-tipping, an overflowing bin)"),
                  choice("inne", "inne", "something else"),
              ]),
        field("text", "opis", "Opis problemu", "Description", required=True, multiline=True,
              max_length=2000,
              help="Np. nie świeci latarnia, dziura w jezdni, złamana gałąź nad chodnikiem.",
              help_en="E.g. a street lamp is out, a pothole, a broken branch over the "
              "pavement."),
    ),
    step(
        "Gdzie", "Where",
        field("text", "lokalizacja", "Miejsce", "Location", required=True, multiline=True,
              max_length=500,
              help="Ulica i numer domu, skrzyżowanie lub charakterystyczny punkt; przy "
              "latarni – numer na słupie, jeśli jest.",
              help_en="Street and house number, a junction or a landmark; for a street lamp, "
              "the number on the pole if there is one."),
        field("file", "zdjecia", "Zdjęcia", "Photos", file_types=["jpg", "png"], max_mb=10,
              max_files=3,
              help="Nieobowiązkowo: do 3 zdjęć JPG lub PNG.",
              help_en="Optional: up to 3 JPG or PNG photos."),
    ),
    step(
        "Kontakt", "Contact",
        field("text", "imie", "Imię", "First name", max_length=100),
        field("identifier", "email", "Adres e-mail", "E-mail address", identifier="email"),
        field("identifier", "telefon", "Telefon", "Phone", identifier="phone"),
        field("consent", "zgoda_kontakt",
              "Zgadzam się, aby urząd przetwarzał podane dane kontaktowe, żeby odpowiedzieć "
              "na moje zgłoszenie.",
              "I agree that the office may process the contact details I gave to reply to "
              "my report.",
              show_when="email or telefon", required=True,
              help="Zgodę możesz w każdej chwili wycofać. Zasady przetwarzania danych "
              "opisuje strona „Ochrona danych osobowych” w stopce serwisu.",
              help_en="You may withdraw it at any time. The “Personal data protection” page "
              "linked in the footer explains how the data are processed."),
        help="Wszystkie pola są nieobowiązkowe. Podaj e-mail lub telefon, jeśli chcesz "
        "dostać odpowiedź albo gdy urząd może potrzebować dopytać o szczegóły.",
        help_en="Everything here is optional. Give an e-mail address or phone number if you "
        "would like a reply or the office may need to ask for details.",
    ),
]  # fmt: skip

FORM = ShippedForm(
    key="public_space_report",
    slug="zgloszenie-awarii",
    name="Zgłoszenie awarii lub problemu w przestrzeni publicznej",
    name_en="Report a fault or problem in a public space",
    intro=(
        "Zgłoś niedziałające oświetlenie, uszkodzoną drogę lub chodnik, problem z zielenią "
        "albo z odpadami w miejscu publicznym. Nie musisz się logować. Gdy zagrożone jest "
        "życie, zdrowie lub mienie, dzwoń pod numer alarmowy 112. Awarię wody, prądu lub "
        "gazu zgłoś bezpośrednio dostawcy."
    ),
    intro_en=(
        "Report a street lamp that is out, a damaged road or pavement, a problem with "
        "greenery or with waste in a public place. You do not need to log in. When life, "
        "health or property is in danger, call the emergency number 112. Report a water, "
        "power or gas failure directly to the supplier."
    ),
    jrwa_symbol="7021",
    case_subject="Zgłoszenie awarii lub problemu w przestrzeni publicznej",
    steps=STEPS,
    anonymous=True,
    service_slugs=("zgloszenie-awarii", "zgloszenie-awarii-lub-problemu"),
)
