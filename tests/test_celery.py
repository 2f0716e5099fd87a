"""Tasks run in the schema of the town that sent them, through a real worker process."""

import pytest
from django_tenants.utils import schema_context

from cms.tasks import describe_town, publish_scheduled_pages
from tenants.dispatch import for_each_active_town
from tests.conftest import celery_worker

# Test databases are set up only for tests that ask for them.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def worker(demo_towns, django_db_blocker):
    with celery_worker("--pool", "solo") as process:
        yield process


@pytest.mark.slow
@pytest.mark.parametrize(
    ("schema", "home_page"), [("zembrzyce", "Gmina Zembrzyce"), ("glogow", "Miasto Głogów")]
)
def test_task_runs_in_the_senders_schema(worker, schema, home_page):
    with schema_context(schema):
        result = describe_town.apply_async()
    answer = result.get(timeout=60)
    assert answer["schema"] == schema
    assert answer["home_page"] == home_page
    assert answer["hostname"] == f"{schema}.localhost"


@pytest.mark.slow
def test_periodic_task_fans_out_to_every_active_town(worker):
    sent = for_each_active_town(publish_scheduled_pages, spread_seconds=0.5)
    assert {"zembrzyce", "glogow"} <= set(sent)
    assert {schema: result.get(timeout=60) for schema, result in sent.items()} == {
        schema: schema for schema in sent
    }
