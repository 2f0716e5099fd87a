"""The console's "last activity": when a town's host last answered, written cheaply."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenants.activity import town_activity
from tenants.models import Municipality
from tests.conftest import GLOGOW_HOST, PLATFORM_HOST, ZEMBRZYCE_HOST, host_client
from tests.console.conftest import api_client, console_client


@pytest.fixture
def fresh_activity(towns):
    """No town seen yet, and no process memory of having written it."""
    Municipality.objects.update(last_seen_at=None)
    town_activity.forget()
    yield
    town_activity.forget()


def seen(schema_name: str):
    return Municipality.objects.get(schema_name=schema_name).last_seen_at


def activity_updates(context: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in context.captured_queries if '"last_seen_at" =' in q["sql"]]


def test_a_request_records_only_its_own_towns_activity(fresh_activity):
    before = timezone.now()
    assert host_client(GLOGOW_HOST).get("/").status_code == 200
    assert seen("glogow") >= before
    assert seen("zembrzyce") is None
    assert seen("public") is None


def test_activity_is_written_at_most_once_per_interval(fresh_activity):
    client = host_client(ZEMBRZYCE_HOST)
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    first_seen = seen("zembrzyce")
    with CaptureQueriesContext(connection) as later:
        client.get("/")
        client.get("/mienie/")
    assert len(activity_updates(first)) == 1
    assert activity_updates(later) == []
    assert seen("zembrzyce") == first_seen


def test_another_process_does_not_write_what_was_just_written(fresh_activity):
    host_client(ZEMBRZYCE_HOST).get("/")
    written = seen("zembrzyce")
    town_activity.forget()  # as if another process served the next request
    host_client(ZEMBRZYCE_HOST).get("/")
    # It asked, but the row was fresh: the UPDATE matched nothing.
    assert seen("zembrzyce") == written


def test_activity_is_written_again_after_the_interval(fresh_activity):
    host_client(GLOGOW_HOST).get("/")
    long_ago = timezone.now() - timedelta(hours=3)
    Municipality.objects.filter(schema_name="glogow").update(last_seen_at=long_ago)
    town_activity.forget()
    host_client(GLOGOW_HOST).get("/")
    assert seen("glogow") > long_ago + timedelta(hours=2)


def test_refused_hosts_record_no_activity(fresh_activity):
    Municipality.objects.filter(schema_name="glogow").update(status="suspended")
    from tenants.routing import routing_cache

    routing_cache.invalidate()
    assert host_client(GLOGOW_HOST).get("/").status_code == 503
    assert host_client(PLATFORM_HOST).get("/").status_code == 200
    assert seen("glogow") is None and seen("public") is None


def test_console_lists_and_orders_towns_by_last_activity(fresh_activity, operator):
    host_client(ZEMBRZYCE_HOST).get("/")
    Municipality.objects.filter(schema_name="zembrzyce").update(
        last_seen_at=timezone.make_aware(timezone.datetime(2026, 11, 20, 9, 15))
    )
    console = console_client(operator)

    html = console.get("/konsola/").content.decode()
    assert "Ostatnia aktywność" in html
    assert "2026-11-20 09:15" in html
    assert "brak" in html  # Głogów has not been seen

    recent_first = console.get("/konsola/?sortuj=aktywnosc").content.decode()
    assert recent_first.index("Gmina Zembrzyce") < recent_first.index("Miasto Głogów")
    dormant_first = console.get("/konsola/?sortuj=bez-aktywnosci").content.decode()
    assert dormant_first.index("Miasto Głogów") < dormant_first.index("Gmina Zembrzyce")

    detail = console.get("/konsola/gminy/zembrzyce/").content.decode()
    assert "2026-11-20 09:15" in detail


def test_operator_api_and_command_show_last_activity(fresh_activity, operator, capsys):
    host_client(GLOGOW_HOST).get("/")
    api = api_client(operator)
    towns = api.get("/api/operator/v1/gminy/?sortuj=aktywnosc").json()
    rows = towns["results"] if isinstance(towns, dict) else towns
    assert rows[0]["schema_name"] == "glogow" and rows[0]["last_seen_at"]
    assert next(r for r in rows if r["schema_name"] == "zembrzyce")["last_seen_at"] is None

    call_command("town", "list", "--sort", "aktywnosc")
    first, second = capsys.readouterr().out.strip().splitlines()[:2]
    assert first.startswith("glogow\t") and not first.endswith("\t-")
    assert second.startswith("zembrzyce\t") and second.endswith("\t-")


def test_town_list_pages_keep_the_filters(towns, operator):
    # Rows only (bulk_create skips save(): no schemas), enough for two pages of 50.
    Municipality.objects.bulk_create(
        Municipality(
            schema_name=f"wies_{number:02d}",
            name=f"Wieś {number:02d}",
            official_name=f"Gmina Wieś {number:02d}",
            status="suspended",
        )
        for number in range(55)
    )
    console = console_client(operator)
    first = console.get("/konsola/?status=suspended&sortuj=nazwa").content.decode()
    assert "55 gmin" in first and "Strona 1 z 2" in first
    assert 'href="?status=suspended&amp;sortuj=nazwa&amp;strona=2"' in first
    second = console.get("/konsola/?status=suspended&sortuj=nazwa&strona=2").content.decode()
    assert "Gmina Wieś 54" in second and "Gmina Wieś 00" not in second
    assert 'href="?status=suspended&amp;sortuj=nazwa&amp;strona=1"' in second
