"""What the open data index lists: the licence and the datasets, with their titles and
descriptions in Polish and English.

The texts are data of the catalogue (like a licence's name), kept here in both languages
so the index answers in English for ``Accept-Language: en`` whatever the state of the
translation files."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Uznanie autorstwa 4.0 Międzynarodowe (CC BY 4.0)",
    "name_en": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.pl",
    "url_en": "https://creativecommons.org/licenses/by/4.0/",
}
"""Every town publishes its open data under CC BY 4.0: reuse is free, naming the town as
the source. A town wanting another licence is a change here (see docs/api/open-data.md)."""


@dataclass(frozen=True)
class Dataset:
    id: str
    url_name: str
    title_pl: str
    title_en: str
    description_pl: str
    description_en: str
    csv: bool = True

    def title(self) -> str:
        return self.title_en if _english() else self.title_pl

    def description(self) -> str:
        return self.description_en if _english() else self.description_pl


def _english() -> bool:
    return (get_language() or "pl").startswith("en")


def licence() -> dict[str, str]:
    english = _english()
    return {
        "id": LICENCE["id"],
        "name": LICENCE["name_en" if english else "name"],
        "url": LICENCE["url_en" if english else "url"],
    }


DATASETS = [
    Dataset(
        "alerts", "alerts",
        "Ostrzeżenia", "Alerts",
        "Ostrzeżenia obowiązujące teraz i z ostatnich 30 dni: stopień, obszar, okres.",
        "Alerts in force now and from the last 30 days: severity, area, validity.",
    ),
    Dataset(
        "news", "news",
        "Aktualności", "News",
        "Opublikowane aktualności: data, tytuł, zajawka, tagi i adres strony.",
        "Published news: date, title, lead, tags and page address.",
    ),
    Dataset(
        "service-categories", "service-categories",
        "Kategorie katalogu usług", "Service catalogue categories",
        "Kategorie, w których urząd porządkuje swoje usługi.",
        "Categories the office sorts its services into.",
    ),
    Dataset(
        "life-situations", "life-situations",
        "Sytuacje życiowe", "Life situations",
        "Sytuacje życiowe, w których mieszkaniec szuka usług urzędu.",
        "Life situations in which residents look for the office's services.",
    ),
    Dataset(
        "services", "services",
        "Katalog usług", "Service catalogue",
        "Usługi urzędu z kategoriami, sytuacjami życiowymi i sposobami załatwienia "
        "(formularze ePUAP, e-Doręczenia, usługi innych instytucji).",
        "The office's services with categories, life situations and ways to apply "
        "(ePUAP forms, e-Delivery, other institutions' services).",
    ),
    Dataset(
        "registers", "registers",
        "Rejestry publiczne", "Public registers",
        "Jawne rejestry gminy i ich jawne pola; wpisy każdego rejestru pod entries_url "
        "(tylko pola jawne).",
        "The town's public registers and their public fields; each register's entries at "
        "entries_url (public fields only).",
    ),
    Dataset(
        "budget", "budget-years",
        "Budżet", "Budget",
        "Lata budżetowe z sumami dochodów i wydatków (plan, wykonanie); pozycje roku według "
        "klasyfikacji budżetowej pod lines_url.",
        "Budget years with income and expenditure totals (plan, execution); a year's lines "
        "by budget classification at lines_url.",
    ),
    Dataset(
        "property", "properties",
        "Mienie gminy", "Municipal property",
        "Nieruchomości gminy w wyszukiwarce mienia: działka, obręb, powierzchnia, oferta; "
        "szczegóły ze zdjęciami.",
        "The town's properties in the property search: parcel, precinct, area, offer; "
        "details with photos.",
    ),
]  # fmt: skip
