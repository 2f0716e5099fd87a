"""The Polish budget classification (klasyfikacja budżetowa): dział (3 digits), rozdział
(5 digits, starting with its dział) and paragraf (4 digits; the fourth digit says where
the money comes from).

The names are those of the Minister of Finance's regulation of 2 March 2010 on the
detailed classification of income, expenditure, revenue and outgoings (consolidated text
Dz.U. 2022 poz. 513, with the codes its later amendments added): the działy of its annex 1
here, the rozdziały of its annex 2 in ``data/rozdzialy.csv``, the paragrafy of income of
annex 3 in ``data/paragrafy_dochodow.csv`` and those of expenditure of annex 4 in
``data/paragrafy_wydatkow.csv``. A paragraf is named by its first three digits; the
fourth says where the money comes from. docs/operators/budget.md says how the files were
made and how to add a code created by a later amendment. A code missing from them is
shown by its number.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DZIAL_RE = re.compile(r"\d{3}")
ROZDZIAL_RE = re.compile(r"\d{5}")
PARAGRAF_RE = re.compile(r"\d{4}")

DZIAL_NAMES: dict[str, str] = {
    "010": "Rolnictwo i łowiectwo",
    "020": "Leśnictwo",
    "050": "Rybołówstwo i rybactwo",
    "100": "Górnictwo i kopalnictwo",
    "150": "Przetwórstwo przemysłowe",
    "400": "Wytwarzanie i zaopatrywanie w energię elektryczną, gaz i wodę",
    "500": "Handel",
    "550": "Hotele i restauracje",
    "600": "Transport i łączność",
    "630": "Turystyka",
    "700": "Gospodarka mieszkaniowa",
    "710": "Działalność usługowa",
    "720": "Informatyka",
    "730": "Szkolnictwo wyższe i nauka",
    "750": "Administracja publiczna",
    "751": "Urzędy naczelnych organów władzy państwowej, kontroli i ochrony prawa oraz sądownictwa",
    "752": "Obrona narodowa",
    "753": "Obowiązkowe ubezpieczenia społeczne",
    "754": "Bezpieczeństwo publiczne i ochrona przeciwpożarowa",
    "755": "Wymiar sprawiedliwości",
    "756": "Dochody od osób prawnych, od osób fizycznych i od innych jednostek "
    "nieposiadających osobowości prawnej oraz wydatki związane z ich poborem",
    "757": "Obsługa długu publicznego",
    "758": "Różne rozliczenia",
    "801": "Oświata i wychowanie",
    "851": "Ochrona zdrowia",
    "852": "Pomoc społeczna",
    "853": "Pozostałe zadania w zakresie polityki społecznej",
    "854": "Edukacyjna opieka wychowawcza",
    "855": "Rodzina",
    "900": "Gospodarka komunalna i ochrona środowiska",
    "921": "Kultura i ochrona dziedzictwa narodowego",
    "925": "Ogrody botaniczne i zoologiczne oraz naturalne obszary i obiekty chronionej przyrody",
    "926": "Kultura fizyczna",
}


DATA = Path(__file__).resolve().parent / "data"
ROZDZIAL_FILE = DATA / "rozdzialy.csv"
PARAGRAF_FILES = {
    "income": DATA / "paragrafy_dochodow.csv",
    "expenditure": DATA / "paragrafy_wydatkow.csv",
}


def dzial_name(code: str) -> str:
    """The dział's name, or "Dział <code>" for one not in :data:`DZIAL_NAMES`."""
    return DZIAL_NAMES.get(code) or _("Dział %(code)s") % {"code": code}


def _names(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = csv.reader(stream, delimiter=";")
        next(rows)  # the header
        return {code: name for code, name in rows}


@cache
def rozdzial_names() -> dict[str, str]:
    """Every rozdział's official name by its code (``data/rozdzialy.csv``)."""
    return _names(ROZDZIAL_FILE)


@cache
def paragraf_names(side: str) -> dict[str, str]:
    """The official names of one side's paragrafy by their first three digits."""
    return _names(PARAGRAF_FILES[side])


def paragraf_name(side: str, code: str) -> str:
    """The paragraf's official name on that side (income or expenditure); "" when the
    classification does not name it."""
    return paragraf_names(side).get(code[:3], "")


def rozdzial_name(code: str) -> str:
    """The rozdział's official name; "" for a code the classification does not name."""
    return rozdzial_names().get(code, "")


def classification_errors(side: str, dzial: str, rozdzial: str, paragraf: str) -> dict[str, str]:
    """What is wrong with a classification, by field (empty when it is valid).

    Messages are Polish with English in parentheses, like every import message."""
    errors: dict[str, str] = {}
    if not DZIAL_RE.fullmatch(dzial or ""):
        errors["dzial"] = _("Dział to trzy cyfry, np. 750.")
    if not ROZDZIAL_RE.fullmatch(rozdzial or ""):
        errors["rozdzial"] = _("Rozdział to pięć cyfr, np. 75023.")
    elif "dzial" not in errors and not rozdzial.startswith(dzial):
        errors["rozdzial"] = _("Rozdział musi zaczynać się od numeru działu %(dzial)s.") % {
            "dzial": dzial
        }
    if not PARAGRAF_RE.fullmatch(paragraf or ""):
        errors["paragraf"] = _("Paragraf to cztery cyfry, np. 4010.")
    elif side == "expenditure" and paragraf.startswith("0"):
        # Paragrafy 0xxx are income only (taxes, fees, interest…).
        errors["paragraf"] = _("Paragrafy zaczynające się od 0 są tylko po stronie dochodów.")
    return errors


def validate_classification(side: str, dzial: str, rozdzial: str, paragraf: str) -> None:
    if errors := classification_errors(side, dzial, rozdzial, paragraf):
        raise ValidationError(errors)
