"""The pages tests/e2e/pages.py finds by following links (LINKS): each demo town's data
leads to what TOWN_LINKS expects, so the accessibility tests cannot quietly visit fewer
pages; and the downloads among them (the budget CSV) answer as files."""

from __future__ import annotations

import pytest

from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.pages import LINKS, TOWN_LINKS, fetch, linked_paths

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

HOSTS = {"zembrzyce": ZEMBRZYCE_HOST, "glogow": GLOGOW_HOST}


@pytest.mark.parametrize("town", HOSTS)
def test_town_data_leads_to_the_linked_pages(town_server, town):
    found = linked_paths(town_server.port, HOSTS[town])
    short = [
        f"  {name}: found {len(found[name])} ({', '.join(found[name]) or 'none'}), "
        f"expected at least {least}"
        for name, least in TOWN_LINKS[town].items()
        if len(found[name]) < least
    ]
    if short:
        pytest.fail(
            f"Links of {town} lead to fewer pages than its demo data should:\n"
            + "\n".join(short)
            + f"\n\nServer log (end):\n{town_server.log_tail()}",
            pytrace=False,
        )


@pytest.mark.parametrize("town", HOSTS)
def test_linked_downloads_answer_as_files(town_server, town):
    host = HOSTS[town]
    downloads = {link.name for link in LINKS if not link.browse}
    found = linked_paths(town_server.port, host)
    for name in downloads:
        for path in found[name]:
            status, headers, body = fetch(town_server.port, host, path)
            assert status == 200, f"{path} answered {status}"
            assert headers.get("content-type", "").startswith("text/csv"), (path, headers)
            assert headers.get("content-disposition", "").startswith("attachment"), (path, headers)
            lines = body.decode("utf-8-sig").splitlines()
            assert len(lines) > 1 and ";" in lines[0], (path, lines[:2])  # a header, then rows
