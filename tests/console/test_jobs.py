"""Archive and restore run as jobs in a worker: refused at once when they cannot work,
one at a time per town, failures kept on the job and in the audit log, interrupted jobs
released, and the whole way through a real Celery worker process."""

from __future__ import annotations

import io
import json
import tarfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tenants.utils import schema_exists

from tenants.console import jobs
from tenants.console.models import LifecycleJob, OperatorAction
from tenants.console.services import archive
from tenants.console.services.actions import Actor, LifecycleError
from tenants.console.services.lifecycle import set_domains, suspend
from tenants.console.tasks import run_lifecycle_job
from tenants.models import Municipality
from tests.conftest import PLATFORM_HOST, ZEMBRZYCE_HOST, celery_worker, host_client
from tests.console.conftest import JSON, TERYT, api_client, console_client


def actor() -> Actor:
    return Actor("test-operator")


def test_archive_of_a_town_that_cannot_be_archived_is_refused_at_once(towns):
    town = Municipality.objects.get(schema_name="glogow")
    town.status = Municipality.Status.PROVISIONING
    with pytest.raises(LifecycleError, match="Zarchiwizować można gminę aktywną lub zawieszoną"):
        jobs.request_archive(actor(), town)
    assert not LifecycleJob.objects.filter(town_schema="glogow").exists()


def test_one_open_job_per_town_and_the_other_town_is_free(towns):
    glogow = Municipality.objects.get(schema_name="glogow")
    zembrzyce = Municipality.objects.get(schema_name="zembrzyce")
    first = jobs.request_archive(actor(), glogow)
    assert first.status == "queued"
    with pytest.raises(LifecycleError, match="trwa już zadanie"):
        jobs.request_archive(actor(), glogow)
    other = jobs.request_archive(actor(), zembrzyce)
    assert other.town_schema == "zembrzyce"
    requested = OperatorAction.objects.filter(action="archive_requested")
    assert list(requested.values_list("town_schema", "details__job")) == [
        ("zembrzyce", other.pk),
        ("glogow", first.pk),
    ]


def test_a_job_that_fails_says_why_and_is_audited(towns):
    glogow = Municipality.objects.get(schema_name="glogow")
    job = jobs.request_archive(actor(), glogow)
    # Meanwhile the town was archived another way: the job must not archive it twice.
    Municipality.objects.filter(pk=glogow.pk).update(status=Municipality.Status.ARCHIVED)
    assert run_lifecycle_job.apply(args=[job.pk]).get() == "failed"
    job.refresh_from_db()
    assert (
        job.status == "failed" and "Zarchiwizować można gminę aktywną lub zawieszoną." in job.error
    )
    assert job.started_at and job.finished_at
    failure = OperatorAction.objects.get(action="archive_failed")
    assert failure.town_schema == "glogow" and failure.details["job"] == job.pk
    # A finished job is never run again (a redelivered message finds nothing to do).
    assert run_lifecycle_job.apply(args=[job.pk]).get() == "skipped"


def test_an_interrupted_job_is_failed_and_frees_the_town(towns, settings):
    glogow = Municipality.objects.get(schema_name="glogow")
    job = jobs.request_archive(actor(), glogow)
    LifecycleJob.objects.filter(pk=job.pk).update(
        status="running",
        started_at=timezone.now()
        - timedelta(seconds=settings.LIFECYCLE_JOB_TIME_LIMIT_SECONDS + 60),
    )
    again = jobs.request_archive(actor(), glogow)
    job.refresh_from_db()
    assert job.status == "failed" and "interrupted" in job.error
    assert again.status == "queued"


def test_restore_of_an_unknown_export_is_refused_at_once(towns):
    with pytest.raises(LifecycleError, match="Nie ma takiego archiwum"):
        jobs.request_restore(actor(), archive.resolve_export("nie-ma-takiego.tar.gz"))


def test_jobs_exist_only_on_the_platform_host(towns, operator):
    jobs.request_archive(actor(), Municipality.objects.get(schema_name="glogow"))
    page = console_client(operator).get("/konsola/zadania/")
    assert page.status_code == 200 and "Miasto Głogów" in page.content.decode()
    for path in ["/konsola/zadania/", "/api/operator/v1/zadania/"]:
        assert host_client(ZEMBRZYCE_HOST).get(path, follow=True).status_code == 404
    assert host_client(PLATFORM_HOST).get("/api/operator/v1/zadania/").status_code == 401


def _wait_for(api, url: str, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = api.get(url).json()
        if job["status"] in {"done", "failed"}:
            return job
        time.sleep(0.5)
    pytest.fail(f"job {url} did not finish in {seconds} s: {job}")


@pytest.mark.slow
def test_archive_and_restore_run_in_a_real_worker(lifecycle, settings):
    archives = Path(settings.ARCHIVE_ROOT)
    api = api_client(lifecycle)
    created = api.post(
        "/api/operator/v1/gminy/",
        {"name": "Kamienica", "teryt": TERYT, "subdomain": "kamienica"},
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    with celery_worker("--pool", "solo", env={"ARCHIVE_ROOT": str(archives)}):
        queued = api.post("/api/operator/v1/gminy/kamienica/archiwizuj/", {}, content_type=JSON)
        assert queued.status_code == 202
        archived = _wait_for(api, queued["Location"])
        assert archived["status"] == "done", archived["error"]
        assert (archives / archived["export"]).is_file()
        assert host_client("kamienica.localhost").get("/").status_code == 410
        assert host_client(ZEMBRZYCE_HOST).get("/").status_code == 200

        deleted = api.delete(
            "/api/operator/v1/gminy/kamienica/", {"confirm_name": "Kamienica"}, content_type=JSON
        )
        assert deleted.status_code == 204
        back = api.post(
            "/api/operator/v1/gminy/odtworz/", {"export": archived["export"]}, content_type=JSON
        )
        assert back.status_code == 202, back.content
        restored = _wait_for(api, back["Location"])
        assert restored["status"] == "done", restored["error"]
    assert host_client("kamienica.localhost").get("/").status_code == 200


def _export_with_a_damaged_dump(folder: Path) -> Path:
    manifest = {
        "format": 1,
        "town": {"schema_name": "kamienica", "name": "Kamienica", "official_name": "Gmina "
                 "Kamienica", "teryt": TERYT, "kind": "rural", "voivodeship": "małopolskie"},
        "domains": [{"domain": "kamienica.localhost", "is_primary": True}],
        "checksums": {"schema.dump": "0" * 64, "media": {}},
    }  # fmt: skip
    export = folder / "kamienica-20261124T010203.tar.gz"
    with tarfile.open(export, "w:gz") as tar:
        for name, data in [
            ("manifest.json", json.dumps(manifest).encode()),
            ("schema.dump", b"not what was dumped"),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return export


def test_a_damaged_export_fails_its_job_and_leaves_nothing_behind(towns, tmp_path):
    export = _export_with_a_damaged_dump(tmp_path)
    job = jobs.request_restore(actor(), export)
    assert (job.status, job.town_schema, job.town_name) == (
        "queued",
        "kamienica",
        "Gmina Kamienica",
    )
    assert run_lifecycle_job.apply(args=[job.pk]).get() == "failed"
    job.refresh_from_db()
    assert "Suma kontrolna zrzutu się nie zgadza." in job.error
    assert not schema_exists("kamienica")
    assert not Municipality.objects.filter(teryt=TERYT).exists()
    assert OperatorAction.objects.get(action="restore_failed").town_schema == "kamienica"


def test_no_other_lifecycle_change_while_a_job_is_open(towns):
    glogow = Municipality.objects.get(schema_name="glogow")
    jobs.request_archive(actor(), glogow)
    for change in (
        lambda: suspend(actor(), glogow),
        lambda: set_domains(actor(), glogow, ["glogow.localhost"], "glogow.localhost"),
    ):
        with pytest.raises(LifecycleError, match="trwa już zadanie"):
            change()
    glogow.refresh_from_db()
    assert glogow.status == "active"
    # The other town is not held up.
    suspend(actor(), Municipality.objects.get(schema_name="zembrzyce"))


def test_dump_programs_reach_a_socket_folder_and_the_configured_binaries(
    towns, settings, monkeypatch
):
    from django.db import connection

    # The embedded database of `make demo` comes as DATABASE_URL=…?host=<socket folder>.
    monkeypatch.setitem(connection.settings_dict, "HOST", "")
    monkeypatch.setitem(connection.settings_dict, "PORT", "")
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", {"host": "/srv/pg", "port": "5433"})
    args, _env = archive._pg_env()
    assert args[args.index("--host") + 1] == "/srv/pg"
    assert args[args.index("--port") + 1] == "5433"
    settings.PG_BIN_DIR = "/opt/pg17/bin"
    assert archive._pg_program("pg_dump") == "/opt/pg17/bin/pg_dump"
    settings.PG_BIN_DIR = ""
    assert archive._pg_program("pg_restore") == "pg_restore"
