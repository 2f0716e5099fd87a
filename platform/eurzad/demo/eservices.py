"""The demo towns' e-service forms: the shipped ones, with the waste rates a council
would set (demo values, not the towns' real rates), all five published and attached to
the catalogue's services. Keeps what editors changed."""

from __future__ import annotations

from decimal import Decimal

from eurzad.eservices.models import FormConstant
from eurzad.eservices.shipped import TO_BE_SET, link_services, publish_when_set
from eurzad.eservices.shipped.waste import FORM as WASTE_DECLARATION

DEMO_SOURCE = "dane demonstracyjne – nie jest to stawka z uchwały rady"

#: Zembrzyce charges per resident only (no water rate: the method is not asked);
#: Głogów lets owners choose residents or water use.
DEMO_WASTE_RATES: dict[str, dict[str, Decimal]] = {
    "zembrzyce": {
        "stawka_osoba": Decimal("30.00"),
        "stawka_woda": Decimal("0.00"),
        "ulga_kompost": Decimal("2.00"),
    },
    "glogow": {
        "stawka_osoba": Decimal("36.00"),
        "stawka_woda": Decimal("12.00"),
        "ulga_kompost": Decimal("3.00"),
    },
}


def ensure_demo_eservices(town_key: str) -> None:
    """Set the demo rates where they are still to be set, then publish the waste
    declaration and attach the forms to the town's catalogue."""
    for key, value in DEMO_WASTE_RATES[town_key].items():
        FormConstant.objects.filter(key=key, source=TO_BE_SET).update(
            value=value, source=DEMO_SOURCE
        )
    publish_when_set(WASTE_DECLARATION.key)
    link_services()
