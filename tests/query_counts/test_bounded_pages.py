"""Every page of the resident area and every public page makes as many SQL statements
for a resident with 50 obligations, installments, payments, cases, letters, notifications,
register entries, mandates, online payments, phones, logins and access requests — in a
town with 50 news, alerts, services and property photos — as with 1 of each (no N+1, no
list that grows without pages). Another town's data neither costs nor shows anything.

The addresses come from the URL resolver and the page types from Wagtail, so a new page
is counted (or its skip explained, in ``addresses``) before its test can pass."""

from __future__ import annotations

import re
from collections import Counter

from django.test import Client

from tests.conftest import ZEMBRZYCE_HOST
from tests.finance import factories as finance
from tests.query_counts.addresses import (
    COUNTED,
    SKIPPED,
    Counted,
    count_every_address,
    page_paths,
    skipped_by_prefix,
    town_addresses,
    town_page_models,
    town_stage,
)
from tests.query_counts.content import grow_public_content
from tests.query_counts.residents import ResidentData, resident_with

SMALL, LARGE = 1, 50
HERE = "zembrzyce"
PAGE = 25  # the most rows a list of the resident area shows at once
# Lists that grow without bound: at 50, one page of them and a link to the next.
PAGED = {
    "konto/sprawy/": "<td>ZBRWIELE sprawa",
    "konto/rejestry/": "Wpis nr ZBRWIELE/",
    "konto/wplaty/": "ZBRWIELE wpłata",
    "konto/platnosci/": '<td><a href="/konto/platnosci/',
    "konto/powiadomienia/": "ZBRWIELE powiadomienie",
    "konto/twoje-dane/": '<th scope="row">ZBRWIELE firma',
    "konto/aplikacja-mobilna/": '<th scope="row">ZBRWIELE telefon',
    "konto/historia-logowania/": '<th scope="row">',
    "konto/wnioski/": 'class="application__title"',
}
# Pages that show all of one thing's own rows, at 50 as many as there are.
WHOLE = {
    "konto/sprawy/<int:case_id>/": ("ZBRWIELE pismo", LARGE),
    "konto/zobowiazania/<int:obligation_id>/": ("Składnik", LARGE),
    "mienie/<int:property_id>/": ("<img", LARGE),
}


def _client(resident: ResidentData) -> Client:
    """Logged in as the resident, with their open installments in the cart."""
    client = finance.logged_in(resident.schema, ZEMBRZYCE_HOST, resident.resident)
    added = client.post("/konto/platnosci/koszyk/", {"installment": resident.cart})
    assert added.status_code == 302
    return client


def _count(size: int, marker: str) -> dict[str, Counted]:
    resident = resident_with(HERE, size, marker)
    property_id = grow_public_content(HERE, size, marker)
    return count_every_address(_client(resident), town_stage(resident, property_id))


def _shape(sql: str) -> str:
    """A statement without its values: ids, dates and lists of ids differ between runs."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\bIN \([^)]*\)", "IN (…)", sql)
    return re.sub(r"\b\d+\b", "N", sql)


#: Written by time, not by data: the town's activity, at most once an interval per process
#: (tenants.activity, 5 minutes), by whichever request comes when it is up.
_BY_TIME = ('UPDATE "tenants_municipality" SET "last_seen_at"',)


def _by_data(statements: list[str]) -> list[str]:
    return [sql for sql in statements if not sql.startswith(_BY_TIME)]


def _growth(small: dict[str, Counted], large: dict[str, Counted]) -> str:
    """The addresses whose statements grew, with the statements added."""
    lines = []
    for address, counted in small.items():
        fewer, more = _by_data(counted.statements), _by_data(large[address].statements)
        if len(more) != len(fewer):
            lines.append(f"{address}: {len(fewer)} → {len(more)}")
            added = Counter(map(_shape, more)) - Counter(map(_shape, fewer))
            removed = Counter(map(_shape, fewer)) - Counter(map(_shape, more))
            lines += [f"  + {n} × {sql[:300]}" for sql, n in added.items()]
            lines += [f"  - {n} × {sql[:300]}" for sql, n in removed.items()]
    return "\n".join(lines)


def test_every_town_address_is_counted_or_skipped_for_a_stated_reason():
    addresses = town_addresses()
    neither = sorted(
        address
        for address in addresses
        if address not in COUNTED and address not in SKIPPED and not skipped_by_prefix(address)
    )
    assert not neither, f"count these in tests/query_counts/addresses.py, or skip them: {neither}"
    gone = sorted((COUNTED.keys() | SKIPPED.keys()) - addresses)
    assert not gone, f"no longer addresses of a town: {gone}"
    assert not COUNTED.keys() & SKIPPED.keys()


def test_every_page_type_has_a_page_to_count(towns):
    grow_public_content(HERE, SMALL, "ZBRSTRONY")
    assert set(page_paths(HERE)) == town_page_models()


def test_fifty_of_everything_cost_the_statements_one_does(towns, settings):
    settings.PAGE_CACHE_SECONDS = 0
    small = _count(SMALL, "ZBRJEDEN")
    large = _count(LARGE, "ZBRWIELE")
    assert small.keys() == large.keys()
    growth = _growth(small, large)
    assert not growth, f"statements that grow with the data:\n{growth}"
    for address, text in PAGED.items():
        shown = large[address].body.count(text)
        assert 0 < shown <= PAGE and 'rel="next"' in large[address].body, (address, shown)
    for address, (text, count) in WHOLE.items():
        assert large[address].body.count(text) >= count, address


def test_another_towns_data_neither_costs_nor_shows_here(towns, settings):
    settings.PAGE_CACHE_SECONDS = 0
    resident = resident_with(HERE, SMALL, "ZBRTUTAJ")
    stage = town_stage(resident, grow_public_content(HERE, SMALL, "ZBRTUTAJ"))
    client = _client(resident)
    before = count_every_address(client, stage)
    resident_with("glogow", LARGE, "GLGOBCY")
    after = count_every_address(client, stage)
    growth = _growth(before, after)
    assert not growth, f"statements that grow with another town's data:\n{growth}"
    shown = sorted(address for address, counted in after.items() if "GLGOBCY" in counted.body)
    assert not shown, f"another town's data shown on: {shown}"
    assert "ZBRTUTAJ" in after["konto/sprawy/"].body
