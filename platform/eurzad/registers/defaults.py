"""The registers every town starts with and the "Rejestry" staff group; editors add
other registers in the admin, without code."""

from __future__ import annotations

from eurzad.core.staff_groups import grant, managing
from eurzad.registers.models import RegisterDefinition

ALCOHOL_PERMITS = "zezwolenia-alkohol"
PROPERTY_LEASES = "umowy-dzierzawy-najmu"

DEFINITIONS = [
    {
        "slug": ALCOHOL_PERMITS,
        "name": "Rejestr zezwoleń na sprzedaż napojów alkoholowych",
        "legal_basis": "Art. 18 ustawy z dnia 26 października 1982 r. o wychowaniu w "
        "trzeźwości i przeciwdziałaniu alkoholizmowi.",
        "retention_years": 10,
        "fields": [
            {"name": "holder", "label": "Przedsiębiorca", "type": "text", "public": True},
            {"name": "outlet_address", "label": "Adres punktu sprzedaży", "type": "text",
             "public": True},
            {"name": "outlet_kind", "label": "Rodzaj punktu", "type": "choice", "public": True,
             "choices": ["sklep", "lokal gastronomiczny", "jednorazowe"]},
            {"name": "category", "label": "Kategoria napojów", "type": "choice", "public": True,
             "choices": ["A (do 4,5% i piwo)", "B (4,5–18%)", "C (powyżej 18%)"]},
            {"name": "decision_number", "label": "Numer decyzji", "type": "text",
             "public": True},
            {"name": "nip", "label": "NIP", "type": "text", "public": False},
            {"name": "fee_paid", "label": "Opłata wniesiona", "type": "bool", "public": False},
            {"name": "sales_last_year", "label": "Wartość sprzedaży w poprzednim roku (zł)",
             "type": "number", "public": False},
        ],
    },
    {
        "slug": PROPERTY_LEASES,
        "name": "Rejestr umów dzierżawy i najmu mienia gminy",
        "legal_basis": "Art. 35 i art. 37 ust. 4 ustawy z dnia 21 sierpnia 1997 r. o "
        "gospodarce nieruchomościami.",
        "retention_years": 10,
        "fields": [
            {"name": "kind", "label": "Rodzaj umowy", "type": "choice", "public": True,
             "choices": ["dzierżawa", "najem", "użyczenie"]},
            {"name": "parcel", "label": "Działka / lokal", "type": "text", "public": True},
            {"name": "precinct", "label": "Obręb", "type": "text", "public": True},
            {"name": "area_m2", "label": "Powierzchnia (m²)", "type": "number", "public": True},
            {"name": "purpose", "label": "Przeznaczenie", "type": "text", "public": True},
            {"name": "concluded_on", "label": "Data zawarcia", "type": "date", "public": True},
            {"name": "tenant", "label": "Dzierżawca / najemca", "type": "text",
             "public": False},
            {"name": "rent", "label": "Czynsz roczny (zł)", "type": "number", "public": False},
        ],
    },
]  # fmt: skip


def ensure_default_registers() -> None:
    """Create the shipped registers once; never overwrite what the office changed."""
    for order, definition in enumerate(DEFINITIONS):
        RegisterDefinition.objects.get_or_create(
            slug=definition["slug"], defaults={**definition, "order": order}
        )
    set_up_registers_group()


REGISTERS_GROUP = "Rejestry"
REGISTERS_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "wagtailimages": ["add_image", "choose_image"],
    "registers": managing("registerdefinition", "registerentry", "property", "propertyphoto"),
}


def set_up_registers_group() -> None:
    """The town's "Rejestry" staff group: registers, their entries and the property
    search; safe to run again."""
    grant(REGISTERS_GROUP, REGISTERS_PERMISSIONS)
