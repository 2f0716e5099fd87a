"""A Celery worker serves its own /metrics: the task failures of its pool processes,
added up, per town, behind the same access rule as the web's /metrics."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from django_tenants.utils import schema_context
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import celery_worker, free_port
from tests.health.worker_tasks import import_from_back_office

pytestmark = pytest.mark.django_db
TOKEN = "worker-scraper-token"


@pytest.fixture(scope="module")
def worker(demo_towns, django_db_blocker, tmp_path_factory):
    port = free_port()
    metrics_dir = tmp_path_factory.mktemp("worker-metrics")
    (metrics_dir / "stale_counter_1.db").write_bytes(b"left over from a previous run")
    env = {
        "WORKER_METRICS_PORT": str(port),
        "WORKER_METRICS_ADDRESS": "127.0.0.1",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        # Only the token opens it: the test's own address is not on the list.
        "METRICS_ALLOWED_IPS": "10.99.0.0/16",
        "METRICS_TOKEN": TOKEN,
    }
    with celery_worker(
        "--pool", "prefork", "--concurrency", "2", "--include", "tests.health.worker_tasks",
        env=env,
    ) as process:  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/metrics", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"worker metrics never came up:\n{output[-3000:]}")
                time.sleep(0.2)
        yield url, metrics_dir


def failures(url: str) -> Counter:
    response = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    counts: Counter = Counter()
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if (
                sample.name == "eurzad_task_failures_total"
                and sample.labels["task"] == "tests.health.import_from_back_office"
            ):
                counts[sample.labels["town"]] += sample.value
    return counts


@pytest.mark.slow
def test_worker_counts_failed_tasks_per_town_across_its_pool(worker):
    url, metrics_dir = worker
    assert not (metrics_dir / "stale_counter_1.db").exists()  # emptied at start
    before = failures(url)
    sent = []
    for schema, fail in [("glogow", True)] * 3 + [("zembrzyce", True), ("zembrzyce", False)]:
        with schema_context(schema):
            sent.append(import_from_back_office.apply_async(args=[fail]))
    for result in sent:
        result.get(timeout=60, propagate=False)
    assert [r.successful() for r in sent] == [False, False, False, False, True]
    # The pool processes' counts are added up by the main process at each scrape.
    assert failures(url) - before == Counter({"glogow": 3, "zembrzyce": 1})
    assert len(list(Path(metrics_dir).glob("counter_*.db"))) >= 1


@pytest.mark.slow
def test_worker_metrics_need_the_token_or_an_allowed_address(worker):
    url, _ = worker
    refused = httpx.get(f"{url}/metrics")
    assert refused.status_code == 403
    assert "Brak dostępu do metryk" in refused.text
    wrong = httpx.get(f"{url}/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert httpx.get(f"{url}/", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404
