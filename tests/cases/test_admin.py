"""Cases in the Wagtail admin: a member of the town's "Sprawy" staff group manages cases
and statuses, and sees only this town's cases."""

from __future__ import annotations

from eurzad.cases.defaults import CASES_GROUP
from tests.cases import factories as c
from tests.conftest import GLOGOW_HOST, staff_client
from tests.finance import factories as f


def _clerk(schema: str, host: str):
    return staff_client(schema, host, CASES_GROUP, "sprawy-clerk")


def test_cases_clerk_lists_only_this_towns_cases_and_the_statuses(towns):
    own = c.case("glogow", f.party("glogow", pesel="92071314764"))
    foreign = c.case("zembrzyce", f.party("zembrzyce", pesel="92071314764"))
    client = _clerk("glogow", GLOGOW_HOST)
    response = client.get("/admin/cases_cases/")
    assert response.status_code == 200
    html = response.content.decode()
    assert own.sign in html and foreign.sign not in html
    statuses = client.get("/admin/cases_statuses/")
    assert statuses.status_code == 200
    assert "wezwanie do uzupełnienia" in statuses.content.decode()
