"""What the two demo towns are, and what their home pages say. Contact details are
illustrative demo data, not the offices' real numbers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoTown:
    name: str
    official_name: str
    teryt: str
    subdomain: str
    theme: str
    arms_colours: tuple[str, str]
    arms_letter: str
    tagline: str
    office_name: str
    street: str
    postal_code: str
    city: str
    phone: str
    email: str
    opening_hours: str
    bip_url: str
    hero_title: str
    hero_text: str
    sections: list[dict] = field(default_factory=list)
    # How residents get an account (AccountSettings.Policy) and the demo / demo switch.
    account_policy: str = "instant"
    demo_account: bool = False
    # The gateway residents pay through (simulated): the demo shows both providers.
    gateway: str = "przelewy24"


ZEMBRZYCE = DemoTown(
    name="Zembrzyce",
    official_name="Gmina Zembrzyce",
    teryt="1215092",
    subdomain="zembrzyce",
    theme="gorski",
    arms_colours=("#1e5631", "#f2c200"),
    arms_letter="Z",
    tagline="e-Urząd – Beskid Mały, powiat suski",
    office_name="Urząd Gminy Zembrzyce",
    street="Zembrzyce 1",
    postal_code="34-210",
    city="Zembrzyce",
    phone="33 000 10 10",
    email="sekretariat@zembrzyce.example",
    opening_hours="poniedziałek 7:30–17:00\nwtorek–czwartek 7:30–15:30\npiątek 7:30–14:00",
    bip_url="https://bip.zembrzyce.example/",
    hero_title="e-Urząd Gminy Zembrzyce",
    hero_text=(
        "Sprawdź swoje podatki i opłaty lokalne, zapłać je przez internet bez prowizji "
        "i śledź, co dzieje się z Twoją sprawą w urzędzie – bez wychodzenia z domu."
    ),
    sections=[
        {
            "heading": "Co załatwisz w e-Urzędzie",
            "items": [
                (
                    "Informacje dla każdego",
                    "Aktualności, komunikaty i ostrzeżenia gminy dostępne bez logowania.",
                    "/aktualnosci/",
                ),
                (
                    "Twoje wpłaty i należności",
                    "Po zalogowaniu zobaczysz należności z tytułu "
                    "podatków i opłat lokalnych oraz historię swoich wpłat.",
                    "/konto/zobowiazania/",
                ),
                (
                    "Płatności bez prowizji",
                    "Zapłacisz online – prowizję operatora płatności "
                    "pokrywa gmina, Ty płacisz dokładnie tyle, ile wynosi należność.",
                    "/konto/platnosci/",
                ),
                (
                    "Stan Twoich spraw",
                    "Sprawdzisz, na jakim etapie jest Twoja sprawa prowadzona przez urząd.",
                    "/konto/sprawy/",
                ),
                (
                    "Aplikacja mobilna",
                    "Komunikaty, ostrzeżenia i Twoje płatności w telefonie; "
                    "dane osobiste chroni PIN ustawiany w „Twoje dane” → „Aplikacja mobilna”.",
                    "/konto/aplikacja-mobilna/",
                ),
            ],
        },
        {
            "heading": "Jak uzyskać dostęp",
            "items": [
                (
                    "1. Konto ePUAP i Profil Zaufany",
                    "Potrzebujesz konta na ePUAP oraz Profilu "
                    "Zaufanego albo podpisu kwalifikowanego.",
                ),
                (
                    "2. Wniosek przez ePUAP",
                    "Wyślij „Wniosek o rejestrację konta na platformie "
                    "eUrząd (osoby fizyczne)”. Urząd go zweryfikuje i powiadomi Cię o decyzji.",
                    "/logowanie/",
                ),
                (
                    "3. Logowanie",
                    "Wejdź w „Twoje dane” i wybierz „Zaloguj się przez login.gov.pl”.",
                    "/logowanie/",
                ),
            ],
        },
    ],
)

GLOGOW = DemoTown(
    name="Głogów",
    official_name="Miasto Głogów",
    teryt="0203011",
    subdomain="glogow",
    account_policy="request",
    demo_account=True,
    gateway="payu",
    theme="miejski",
    arms_colours=("#7a1d23", "#ffffff"),
    arms_letter="G",
    tagline="Portal Interesanta – e-Urząd Miasta Głogowa",
    office_name="Urząd Miejski w Głogowie",
    street="Rynek 10",
    postal_code="67-200",
    city="Głogów",
    phone="76 000 65 00",
    email="um@glogow.example",
    opening_hours="poniedziałek 8:00–17:00\nwtorek–czwartek 7:30–15:30\npiątek 7:30–14:00",
    bip_url="https://bip.glogow.example/",
    hero_title="Portal Interesanta Miasta Głogowa",
    hero_text=(
        "Podatki, raty i opłaty, Twoje sprawy i korespondencja z urzędem, wpisy w rejestrach "
        "oraz płatności online – w jednym miejscu, także dla osób i firm, które reprezentujesz."
    ),
    sections=[
        {
            "heading": "Dla wszystkich, bez logowania",
            "items": [
                (
                    "Budżet miasta",
                    "Plan budżetu i jego wykonanie – dochody i wydatki "
                    "według działów, rozdziałów i paragrafów.",
                    "/budzet/",
                ),
                (
                    "Wyszukiwarka mienia",
                    "Nieruchomości gminy: działki, lokale, oferty sprzedaży i dzierżawy.",
                    "/mienie/",
                ),
                (
                    "Katalog usług",
                    "Formularze urzędu na ePUAP i usługi innych instytucji, "
                    "np. wyszukiwarka CEIDG.",
                    "/katalog-uslug/",
                ),
                ("Twoja opinia", "Formularz uwag o działaniu portalu.", "/opinia/"),
            ],
        },
        {
            "heading": "Po rejestracji",
            "items": [
                (
                    "Podatki i opłaty",
                    "Zobowiązania podatkowe ze składnikami podatku, raty "
                    "i dokonane wpłaty; opłaty za użytkowanie wieczyste i dzierżawę.",
                    "/konto/zobowiazania/",
                ),
                (
                    "Sprawy i korespondencja",
                    "Twoje sprawy w urzędzie i pisma wymieniane z urzędem.",
                    "/konto/sprawy/",
                ),
                (
                    "Rejestry",
                    "Twoje wpisy w rejestrach, np. zezwolenia na sprzedaż alkoholu "
                    "i umowy dzierżawy.",
                    "/konto/rejestry/",
                ),
                (
                    "W imieniu innych",
                    "Dane osób fizycznych i prawnych, które reprezentujesz "
                    "(upoważnienie dołączasz do wniosku), i płatności w ich imieniu.",
                    "/konto/twoje-dane/",
                ),
            ],
        },
        {
            "heading": "Rejestracja i konto demonstracyjne",
            "items": [
                (
                    "Wniosek o dostęp",
                    "Wniosek podpisany Profilem Zaufanym lub podpisem "
                    "kwalifikowanym wysyłasz przez ePUAP. Urząd odpowiada w ciągu 7 dni, "
                    "a Ty otrzymujesz UPO – Urzędowe Poświadczenie Odbioru.",
                    "/logowanie/",
                ),
                (
                    "Wypróbuj bez rejestracji",
                    "Konto demonstracyjne: login „demo”, hasło „demo”.",
                    "/logowanie/",
                ),
            ],
        },
    ],
)

DEMO_TOWNS = (ZEMBRZYCE, GLOGOW)
