"""A town's whole life through the console, the ``town`` command and the operator API:
onboard, domains, integrations, suspend, reactivate, archive, delete, restore."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_context, schema_exists

from eurzad.core.private_files.storage import private_storage
from eurzad.identity.models import LoginGovConfig
from eurzad.parties.models import Party
from tenants.console.models import LifecycleJob, OperatorAction
from tenants.console.services.actions import Actor, LifecycleError
from tenants.console.services.lifecycle import delete, reactivate
from tenants.console.tasks import run_lifecycle_job
from tenants.models import Municipality
from tests.conftest import host_client
from tests.console.conftest import JSON, TERYT, api_client, console_client

PRIVATE_NAME = "pisma/2026/12/" + "P" * 43  # a private file's stored name


def _put_town_data(schema: str) -> Path:
    with schema_context(schema):
        Party.objects.create(kind="legal", name="Spółdzielnia Kamienica", nip="")
        assert private_storage().save(PRIVATE_NAME, ContentFile(b"pismo")) == PRIVATE_NAME
    media = Path(settings.MEDIA_ROOT) / schema / "documents"
    media.mkdir(parents=True, exist_ok=True)
    (media / "uchwala.txt").write_text("Uchwała nr 1")
    return media / "uchwala.txt"


def _town_data_is_back(schema: str) -> None:
    with schema_context(schema):
        assert Party.objects.filter(name="Spółdzielnia Kamienica").exists()
        with private_storage().open(PRIVATE_NAME) as private:
            assert private.read() == b"pismo"
    restored = Path(settings.MEDIA_ROOT) / schema / "documents" / "uchwala.txt"
    assert restored.read_text() == "Uchwała nr 1"


def _since(marker: int):
    return OperatorAction.objects.filter(pk__gt=marker)


def run_queued_jobs() -> None:
    """Run the queued archive / restore jobs as a worker would (the real task, here)."""
    queued = LifecycleJob.objects.filter(
        status=LifecycleJob.Status.QUEUED, town_schema__in=("kamienica", "kamienica2")
    )
    for job in queued.order_by("pk"):
        run_lifecycle_job.apply(args=[job.pk]).get()


def _marker() -> int:
    last = OperatorAction.objects.order_by("-pk").first()
    return last.pk if last else 0


@pytest.mark.timeout(1800)  # onboarding without a spare schema, archive and restore: slow
def test_town_lifecycle_through_the_console(lifecycle):
    marker = _marker()
    console = console_client(lifecycle)
    response = console.post(
        "/konsola/gminy/nowa/",
        {
            "teryt": TERYT,
            "name": "Kamienica",
            "official_name": "Gmina Kamienica",
            "subdomain": "kamienica",
            "custom_domains": "eurzad.kamienica.example",
            "theme_preset": "",
            "editor_email": "redakcja@kamienica.example",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    town = Municipality.objects.get(teryt=TERYT)
    assert (town.schema_name, town.status, town.kind) == ("kamienica", "active", "rural")
    assert host_client("kamienica.localhost").get("/").status_code == 200
    assert host_client("eurzad.kamienica.example").get("/").status_code == 200
    # The first editor: an account in the town's schema and a one-time link on its host.
    invitation = mail.outbox[-1]
    assert invitation.to == ["redakcja@kamienica.example"]
    assert "kamienica.localhost" in invitation.body and "/admin/password_reset/confirm/" in (
        invitation.body
    )
    with schema_context("kamienica"):
        editor = type(lifecycle.user).objects.get(email="redakcja@kamienica.example")
        assert not editor.has_usable_password()
        assert editor.groups.filter(name="Editors").exists()
    link = next(line for line in invitation.body.splitlines() if "confirm" in line).strip()
    path = link.split("kamienica.localhost", 1)[1].split(":", 1)[-1]
    path = path[path.index("/") :]
    assert host_client("kamienica.localhost").get(path).status_code in {200, 302}

    # Domains: drop the custom one, keep the subdomain primary.
    console.post(
        "/konsola/gminy/kamienica/domeny/",
        {"domains": "kamienica.localhost", "primary": "kamienica.localhost"},
    )
    assert host_client("eurzad.kamienica.example").get("/").status_code == 404
    bad = console.post(
        "/konsola/gminy/kamienica/domeny/",
        {"domains": "zembrzyce.localhost", "primary": "zembrzyce.localhost"},
    )
    assert bad.status_code == 200 and "jest już zajęta." in bad.content.decode()

    # Integrations land in this town's schema only.
    with schema_context("zembrzyce"):
        before = list(LoginGovConfig.objects.values_list("entity_id", flat=True))
    saved = console.post(
        "/konsola/gminy/kamienica/integracje/login-gov/",
        {
            "environment": "local",
            "entity_id": "https://kamienica.localhost/logowanie/sp-nowe",
            "minimum_loa": "http://eidas.europa.eu/LoA/high",
            "idp_base_url": "",
            "idp_issuer": "localhost.wk.gov.pl",
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    with schema_context("kamienica"):
        config = LoginGovConfig.objects.get()
        assert config.entity_id.endswith("/sp-nowe") and config.minimum_loa.endswith("high")
        assert config.idp_entity_id == "localhost.wk.gov.pl"
    with schema_context("zembrzyce"):
        assert list(LoginGovConfig.objects.values_list("entity_id", flat=True)) == before

    # Suspend and reactivate.
    console.post("/konsola/gminy/kamienica/zawies/", {"reason": "nieopłacona umowa"})
    suspended = host_client("kamienica.localhost").get("/")
    assert suspended.status_code == 503 and "zawieszon" in suspended.content.decode().lower()
    console.post("/konsola/gminy/kamienica/przywroc/")
    assert host_client("kamienica.localhost").get("/").status_code == 200

    # Delete is refused while the town is not archived.
    refused = console.post("/konsola/gminy/kamienica/usun/", {"confirm_name": "Kamienica"})
    assert refused.status_code == 200 and "zarchiwizowaną" in refused.content.decode()
    assert schema_exists("kamienica")

    # Archive: a job for a worker; the town's page shows it until it is done.
    _put_town_data("kamienica")
    queued = console.post("/konsola/gminy/kamienica/archiwizuj/", follow=True)
    assert "Archiwizacja gminy Gmina Kamienica zlecona" in queued.content.decode()
    assert "Trwa zadanie: archiwizacja (w kolejce" in queued.content.decode()
    twice = console.post("/konsola/gminy/kamienica/archiwizuj/", follow=True)
    assert "trwa już zadanie" in twice.content.decode()
    run_queued_jobs()
    town.refresh_from_db()
    assert town.status == "archived"
    # The export holds the schema dump, the media and a manifest.
    (export,) = Path(settings.ARCHIVE_ROOT).glob("kamienica-*.tar.gz")
    with tarfile.open(export) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {"manifest.json", "schema.dump", "media/documents/uchwala.txt"} <= set(names)
    # ...and the town's private files, read through the private storage.
    assert f"private/{PRIVATE_NAME}" in names
    assert PRIVATE_NAME in manifest["checksums"]["private"]
    assert manifest["town"]["teryt"] == TERYT
    assert manifest["domains"] == [{"domain": "kamienica.localhost", "is_primary": True}]
    assert "documents/uchwala.txt" in manifest["checksums"]["media"]
    assert manifest["versions"]["migrations"]["parties"]
    # The archived town's host says so (410 Gone), never shows the town's pages.
    gone = host_client("kamienica.localhost").get("/")
    assert gone.status_code == 410
    assert "został zamknięty" in gone.content.decode()
    assert "has been closed" in gone.content.decode()

    # Delete: the name must be typed.
    wrong = console.post("/konsola/gminy/kamienica/usun/", {"confirm_name": "Kamienic"})
    assert wrong.status_code == 200
    console.post("/konsola/gminy/kamienica/usun/", {"confirm_name": "Kamienica"})
    assert not Municipality.objects.filter(teryt=TERYT).exists()
    assert not schema_exists("kamienica")
    assert not (Path(settings.MEDIA_ROOT) / "kamienica").exists()
    assert not (Path(settings.PRIVATE_FILES_ROOT) / "kamienica").exists()
    assert host_client("kamienica.localhost").get("/").status_code == 404

    # Restore from the export.
    restored = console.post("/konsola/gminy/odtworz/", {"export": export.name, "schema_name": ""})
    assert restored.status_code == 302, restored.content.decode()[:2000]
    assert restored["Location"] == "/konsola/zadania/"
    assert "odtworzenie z archiwum" in console.get("/konsola/zadania/").content.decode()
    run_queued_jobs()
    jobs_page = console.get("/konsola/zadania/").content.decode()
    assert jobs_page.count("zakończone") == 2 and export.name in jobs_page
    assert host_client("kamienica.localhost").get("/").status_code == 200
    _town_data_is_back("kamienica")

    # Every step is in the audit log, kept for the deleted town too.
    actions = list(
        _since(marker)
        .filter(town_schema="kamienica")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "onboard",
        "invite_editor",
        "set_domains",
        "integration:login-gov",
        "suspend",
        "reactivate",
        "archive_requested",
        "archive",
        "delete",
        "restore_requested",
        "restore",
    ]
    assert set(
        _since(marker)
        .filter(town_schema="kamienica")
        .values_list("operator_name", "channel", "ip_address")
    ) == {("operatorka", "console", "127.0.0.1")}
    log = console.get("/konsola/dziennik/", {"gmina": "kamienica"})
    assert log.status_code == 200 and "integration:login-gov" in log.content.decode()
    assert (
        console.get("/konsola/dziennik/", {"operator": "nikt"}).context["page"].paginator.count == 0
    )
    assert console.get("/konsola/gminy/kamienica/").status_code == 200


def test_town_lifecycle_through_the_command(lifecycle):
    marker = _marker()
    call_command("town", "--operator", "operatorka", "onboard", "--name", "Kamienica",
                 "--teryt", TERYT, "--subdomain", "kamienica")  # fmt: skip
    assert host_client("kamienica.localhost").get("/").status_code == 200
    call_command("town", "--operator", "operatorka", "suspend", "kamienica", "--reason", "test")
    assert host_client("kamienica.localhost").get("/").status_code == 503
    with pytest.raises(CommandError, match="zarchiwizowaną"):
        call_command("town", "delete", "kamienica", "--confirm-name", "Kamienica")
    _put_town_data("kamienica")
    call_command("town", "--operator", "operatorka", "archive", "kamienica")
    (export,) = Path(settings.ARCHIVE_ROOT).glob("kamienica-*.tar.gz")
    call_command("town", "delete", "kamienica", "--confirm-name", "Kamienica")
    # Back under a new schema name; it was suspended when archived, so it stays suspended.
    call_command("town", "restore", export.name, "--schema", "kamienica2")
    town = Municipality.objects.get(teryt=TERYT)
    assert (town.schema_name, town.status) == ("kamienica2", "suspended")
    _town_data_is_back("kamienica2")
    call_command("town", "reactivate", "kamienica2")
    assert host_client("kamienica.localhost").get("/").status_code == 200
    entries = _since(marker).filter(channel="command", town_name__contains="Kamienica")
    assert list(entries.order_by("pk").values_list("action", "operator_name")) == [
        ("onboard", "operatorka"),
        ("suspend", "operatorka"),
        ("archive_requested", "operatorka"),
        ("archive", "operatorka"),
        ("delete", entries.get(action="delete").operator_name),
        ("restore_requested", entries.get(action="restore").operator_name),
        ("restore", entries.get(action="restore").operator_name),
        ("reactivate", entries.get(action="reactivate").operator_name),
    ]
    assert entries.get(action="delete").operator_name.startswith("os:")
    assert entries.get(action="onboard").operator == lifecycle


def test_town_lifecycle_through_the_api(lifecycle):
    marker = _marker()
    api = api_client(lifecycle)
    created = api.post(
        "/api/operator/v1/gminy/",
        {"name": "Kamienica", "teryt": TERYT, "subdomain": "kamienica"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["domains"] == [{"domain": "kamienica.localhost", "is_primary": True}]
    again = api.post(
        "/api/operator/v1/gminy/",
        {"name": "Kamienica", "teryt": TERYT, "subdomain": "kamienica"},
        content_type="application/json",
    )
    assert again.status_code == 400 and again["Content-Type"] == "application/problem+json"
    assert (
        api.post("/api/operator/v1/gminy/kamienica/zawies/", {}, content_type=JSON).json()["status"]
        == "suspended"
    )
    assert host_client("kamienica.localhost").get("/").status_code == 503
    conflict = api.delete(
        "/api/operator/v1/gminy/kamienica/",
        {"confirm_name": "Kamienica"},
        content_type="application/json",
    )
    assert conflict.status_code == 409 and conflict["Content-Type"] == "application/problem+json"
    _put_town_data("kamienica")
    queued = api.post("/api/operator/v1/gminy/kamienica/archiwizuj/", {}, content_type=JSON)
    assert queued.status_code == 202, queued.content
    job = queued.json()
    assert (job["kind"], job["status"], job["town_schema"]) == ("archive", "queued", "kamienica")
    assert queued["Location"] == job["url"] == f"/api/operator/v1/zadania/{job['id']}/"
    busy = api.post("/api/operator/v1/gminy/kamienica/archiwizuj/", {}, content_type=JSON)
    assert busy.status_code == 409 and busy["Content-Type"] == "application/problem+json"
    run_queued_jobs()
    archived = api.get(job["url"]).json()
    assert archived["status"] == "done" and archived["export"].startswith("kamienica-")
    assert archived["started_at"] and archived["finished_at"] and not archived["error"]
    assert api.get("/api/operator/v1/gminy/kamienica/").json()["status"] == "archived"
    gone = api.delete(
        "/api/operator/v1/gminy/kamienica/",
        {"confirm_name": "Kamienica"},
        content_type="application/json",
    )
    assert gone.status_code == 204
    assert api.get("/api/operator/v1/gminy/kamienica/").status_code == 404
    back = api.post(
        "/api/operator/v1/gminy/odtworz/",
        {"export": archived["export"]},
        content_type="application/json",
    )
    assert back.status_code == 202, back.content
    run_queued_jobs()
    assert api.get(back.json()["url"]).json()["status"] == "done"
    listed = api.get("/api/operator/v1/zadania/?gmina=kamienica").json()["results"]
    assert [(j["kind"], j["status"]) for j in listed] == [
        ("restore", "done"),
        ("archive", "done"),
    ]
    _town_data_is_back("kamienica")
    api.post("/api/operator/v1/gminy/kamienica/przywroc/", {}, content_type=JSON)
    assert host_client("kamienica.localhost").get("/").status_code == 200
    assert list(
        _since(marker)
        .filter(channel="api", town_schema="kamienica")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "onboard",
        "suspend",
        "archive_requested",
        "archive",
        "delete",
        "restore_requested",
        "restore",
        "reactivate",
    ]


def test_services_refuse_what_the_state_does_not_allow(towns):
    town = Municipality.objects.get(schema_name="zembrzyce")
    actor = Actor("test")
    with pytest.raises(LifecycleError):
        reactivate(actor, town)
    with pytest.raises(LifecycleError):
        delete(actor, town, town.name)
