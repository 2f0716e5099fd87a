"""Private files really travel, both ways production sends them.

x-accel: the chart's own file server configuration (rendered from helm/eurzad; only ports,
the folder and the upload limit set, through chart values) runs in a real nginx in front
of gunicorn on the test database. The download view authorises; nginx sends the bytes
from the private folder with headers of its own.

s3: moto's standalone server is the object store (a third-party S3 implementation, over
HTTP on 127.0.0.1). The view redirects to a URL signed for a few seconds; the store sends
the file with the headers the view chose.
"""

from __future__ import annotations

import http.client
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.files.storage import storages
from django.test import Client
from django_tenants.utils import schema_context

from eurzad.audit.models import AuditEvent
from eurzad.cases.models import CaseDocument
from eurzad.core.private_files import kinds, town_files
from eurzad.core.private_files.storage import private_storage
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, free_port, host_client
from tests.helm.chart import by_kind, render, values_of
from tests.private_files import servers
from tests.private_files.conftest import KINDS, login, staff

pytestmark = pytest.mark.slow

CSP = "default-src 'none'; frame-ancestors 'none'"
UPLOAD_LIMIT = "1m"


def demo_letter(schema: str) -> tuple[str, bytes]:
    """Jan Kowalski's demo letter 'wezwanie.txt' in the town: its stored name and bytes."""
    with schema_context(schema):
        letter = CaseDocument.objects.get(
            case__external_id=f"{schema}-jan-1", attachment_name="wezwanie.txt"
        )
        with private_storage().open(letter.attachment.name, "rb") as handle:
            return letter.attachment.name, handle.read()


def _nginx() -> str:
    binary = servers.nginx_binary()
    if binary is None:
        pytest.skip("The file server tests need nginx (Debian: apt-get install nginx-light).")
    return binary


def _file_server_config(objects: list[dict[str, Any]]) -> str:
    return by_kind(objects, "ConfigMap")["eurzad-file-server"]["data"]["nginx.conf"]


# --- x-accel: the chart's nginx file server ---------------------------------------------


@dataclass(frozen=True)
class FileServer:
    port: int  # nginx, as the ingress reaches it
    app_port: int  # gunicorn behind it

    def get(self, path: str, host: str = ZEMBRZYCE_HOST, **headers: str) -> requests.Response:
        return requests.get(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"Host": host, **headers},
            allow_redirects=False,
            timeout=30,
        )

    def raw_get(self, path: str, host: str = ZEMBRZYCE_HOST) -> tuple[int, bytes]:
        """A GET of exactly ``path`` (requests would resolve dot segments first)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest("GET", path, skip_host=True)
            connection.putheader("Host", host)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def file_server(demo_towns, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FileServer]:
    binary = _nginx()
    app_port = free_port()
    port = next(p for p in iter(free_port, None) if p != app_port)
    chart = render(
        {
            "web": {"containerPort": app_port},
            "config": {"privateRoot": str(settings.PRIVATE_FILES_ROOT)},
            "ingress": {"proxyBodySize": UPLOAD_LIMIT},
            "privateFiles": {"fileServer": {"port": port, "addresses": ["127.0.0.1"]}},
        }
    )
    # The app gets the chart's private files configuration, as the pods do.
    app_env = {
        name: value
        for name, value in by_kind(chart, "ConfigMap")["eurzad"]["data"].items()
        if name.startswith("PRIVATE_FILES_")
    }
    assert app_env["PRIVATE_FILES_DELIVERY"] == "x-accel"
    folder = tmp_path_factory.mktemp("file-server")
    with (
        servers.gunicorn(app_port, folder / "gunicorn.log", app_env),
        servers.nginx(binary, _file_server_config(chart), folder, port),
    ):
        yield FileServer(port, app_port)


@dataclass(frozen=True)
class Clerk:
    user: Any
    cookie: str  # the Cookie header of the clerk's session


@pytest.fixture
def clerk(committed_db) -> Iterator[Clerk]:
    """An office worker of Zembrzyce allowed to read case letters, logged in — committed,
    since gunicorn reads the database from another process; removed afterwards."""
    with schema_context("zembrzyce"):
        user = get_user_model().objects.create_user(username="urzednik-transfer", password=None)
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="cases", codename="view_casedocument")
        )
        client = Client()
        client.force_login(user)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    try:
        yield Clerk(user, f"{settings.SESSION_COOKIE_NAME}={session_key}")
    finally:
        with schema_context("zembrzyce"):
            AuditEvent.objects.filter(user=user).delete()
            Session.objects.filter(session_key=session_key).delete()
            user.delete()


def test_authorised_reader_gets_the_file_from_nginx_with_private_headers(file_server, clerk):
    name, content = demo_letter("zembrzyce")
    response = file_server.get(f"/pliki/{name}", Cookie=clerk.cookie)
    assert response.status_code == 200
    assert response.content == content
    assert response.headers["Content-Length"] == str(len(content))
    assert response.headers["Content-Type"] == "text/plain"
    assert response.headers["Content-Disposition"] == 'attachment; filename="wezwanie.txt"'
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == CSP
    assert "X-Accel-Redirect" not in response.headers


def test_gunicorn_alone_sends_no_bytes_only_the_hand_over(file_server, clerk):
    name, _ = demo_letter("zembrzyce")
    response = requests.get(
        f"http://127.0.0.1:{file_server.app_port}/pliki/{name}",
        headers={"Host": ZEMBRZYCE_HOST, "Cookie": clerk.cookie},
        timeout=30,
    )
    assert response.status_code == 200
    assert response.headers["X-Accel-Redirect"] == f"/_private/zembrzyce/{name}"
    assert response.content == b""


def test_the_app_records_the_file_servers_address_as_the_readers(file_server, clerk):
    """What the app takes for the client address behind the file server (REMOTE_ADDR):
    nginx's, 127.0.0.1 — docs/operators/private-files.md says what follows from it."""
    name, _ = demo_letter("zembrzyce")
    assert file_server.get(f"/pliki/{name}", Cookie=clerk.cookie).status_code == 200
    with schema_context("zembrzyce"):
        event = AuditEvent.objects.get(
            user=clerk.user, action=AuditEvent.Action.PERSONAL_DATA_VIEWED
        )
    assert event.ip_address == "127.0.0.1"


def test_anonymous_visitor_gets_404_and_no_bytes(file_server, towns):
    name, content = demo_letter("zembrzyce")
    response = file_server.get(f"/pliki/{name}")
    assert response.status_code == 404
    assert content not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/_private/zembrzyce/{name}",
        "/%5Fprivate/zembrzyce/{name}",
        "/_private/%7A%65mbrzyce/{name}",
        "//_private/zembrzyce/{name}",
        "/pliki/../_private/zembrzyce/{name}",
        "/pliki/%2E%2E/_private/zembrzyce/{name}",
        "/_private/glogow/../zembrzyce/{name}",
    ],
)
def test_the_internal_location_answers_404_from_outside(file_server, towns, path):
    name, content = demo_letter("zembrzyce")
    status, body = file_server.raw_get(path.format(name=name))
    assert status == 404
    assert content not in body


def test_another_towns_host_never_gets_the_file(file_server, clerk):
    name, content = demo_letter("zembrzyce")
    response = file_server.get(f"/pliki/{name}", host=GLOGOW_HOST, Cookie=clerk.cookie)
    assert response.status_code == 404 and content not in response.content
    # Nor is Głogów's own letter sent on Zembrzyce's host, even to a permitted clerk.
    glogow_name, glogow_content = demo_letter("glogow")
    response = file_server.get(f"/pliki/{glogow_name}", Cookie=clerk.cookie)
    assert response.status_code == 404 and glogow_content not in response.content
    status, body = file_server.raw_get(f"/_private/glogow/{glogow_name}", host=GLOGOW_HOST)
    assert status == 404 and glogow_content not in body


def test_pages_pass_through_with_the_host_and_scheme_the_ingress_sent(file_server, towns):
    response = file_server.get("/ostrzezenia/rss/", **{"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert "<link>https://zembrzyce.localhost/</link>" in response.text
    # The app's own security headers come through on everything but the hand-over.
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_metrics_are_never_read_through_the_file_server(file_server, towns):
    # Every request reaches gunicorn from 127.0.0.1, which METRICS_ALLOWED_IPS may allow
    # (as the test settings do): the file server keeps /metrics to gunicorn's own port.
    assert file_server.get("/metrics", host="localhost").status_code == 404
    direct = requests.get(
        f"http://127.0.0.1:{file_server.app_port}/metrics",
        headers={"Host": "localhost"},
        timeout=30,
    )
    assert direct.status_code == 200


def test_uploads_over_the_ingress_limit_are_refused_by_the_file_server(file_server, towns):
    response = requests.post(
        f"http://127.0.0.1:{file_server.port}/logowanie/demo/",
        headers={"Host": ZEMBRZYCE_HOST},
        data=b"x" * (2 * 1024 * 1024),  # 2 MiB over the 1m limit set through the chart
        timeout=30,
    )
    assert response.status_code == 413


@pytest.mark.parametrize("label", ["default", "production"])
def test_the_charts_file_server_configuration_is_valid_nginx(label, tmp_path):
    binary = _nginx()
    (tmp_path / "nginx.conf").write_text(_file_server_config(render(values_of(label))))
    result = subprocess.run(
        [binary, "-t", "-p", f"{tmp_path}/", "-e", "stderr", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- s3: an S3-compatible store (moto's server) ------------------------------------------

BUCKET = "eurzad-prywatne"
REGION = "eu-central-1"
KEYS = {"aws_access_key_id": "eurzad-test", "aws_secret_access_key": "eurzad-test-secret"}
PUBLIC_GRANTEES = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with servers.moto_s3(free_port(), log) as url:
        yield url


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch) -> Iterator[Any]:
    """The private storage in a fresh bucket of the store, configured the way production's
    s3 settings configure it; yields a boto3 client of the store."""
    settings.PRIVATE_FILES_STORAGE = "s3"
    settings.PRIVATE_FILES_DELIVERY = "s3"
    settings.PRIVATE_FILES_S3_BUCKET = BUCKET
    settings.PRIVATE_FILES_S3_PREFIX = "prywatne"
    settings.PRIVATE_FILES_S3_ENDPOINT_URL = s3_endpoint
    settings.PRIVATE_FILES_S3_REGION = REGION
    settings.PRIVATE_FILES_S3_ADDRESSING_STYLE = "path"
    settings.PRIVATE_FILES_S3_ACCESS_KEY_ID = KEYS["aws_access_key_id"]
    settings.PRIVATE_FILES_S3_SECRET_ACCESS_KEY = KEYS["aws_secret_access_key"]
    settings.PRIVATE_FILES_URL_SECONDS = 30
    # Changing STORAGES resets Django's storage handler (setting_changed), so
    # storages["private"] is built anew, from the settings above.
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "eurzad.core.private_files.s3.PrivateS3Storage"},
    }
    storage = storages["private"]
    # A FileField calls its storage callable once, when the model is defined: point the
    # fields of every kind of private file at the new storage for this test.
    for kind in kinds.registered():
        monkeypatch.setattr(kind.field, "storage", storage)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **KEYS)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    try:
        yield client
    finally:
        for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
        client.delete_bucket(Bucket=BUCKET)


def _stored_name(url: str) -> str:
    return url.removeprefix("/pliki/")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_reader_is_sent_to_a_signed_url_and_the_store_sends_the_file(bucket, people, kind):
    stored = KINDS[kind](people)
    name = _stored_name(stored.url)
    # One object, under the prefix and the town's own folder; private.
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"prywatne/zembrzyce/{name}"]
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=keys[0])["Grants"]
    assert not [g for g in grants if g["Grantee"].get("URI") in PUBLIC_GRANTEES]

    redirect = login(people.owner).get(stored.url)
    assert redirect.status_code == 302
    url = urlsplit(redirect["Location"])
    assert f"{url.scheme}://{url.netloc}" == settings.PRIVATE_FILES_S3_ENDPOINT_URL
    assert url.path == f"/{BUCKET}/prywatne/zembrzyce/{name}"
    query = parse_qs(url.query)
    assert query["X-Amz-Expires"] == ["30"]
    assert redirect["Cache-Control"] == "private, no-store"

    download = requests.get(redirect["Location"], timeout=30)
    assert download.status_code == 200
    assert download.content == stored.content
    chosen = query["response-content-disposition"][0]
    assert download.headers["Content-Disposition"] == chosen
    assert chosen.startswith("inline;" if stored.filename.endswith(".pdf") else "attachment;")
    assert download.headers["Content-Type"] == query["response-content-type"][0]
    assert download.headers["Content-Type"] == (
        "application/pdf" if stored.filename.endswith(".pdf") else "text/plain"
    )
    assert download.headers["Cache-Control"] == "private, no-store"


def test_nobody_else_is_sent_to_the_store(bucket, people):
    stored = KINDS["case_letter"](people)
    assert host_client(ZEMBRZYCE_HOST).get(stored.url).status_code == 404
    assert login(people.other).get(stored.url).status_code == 404


def test_the_same_name_on_another_towns_host_is_not_found(bucket, people):
    stored = KINDS["case_letter"](people)
    owner = login(people.owner)
    owner.defaults["HTTP_HOST"] = GLOGOW_HOST
    assert owner.get(stored.url).status_code == 404
    glogow_staff = staff("cases.view_casedocument", schema="glogow")
    assert glogow_staff.get(stored.url).status_code == 404
    # Głogów's folder in the bucket is empty.
    listed = bucket.list_objects_v2(Bucket=BUCKET, Prefix="prywatne/glogow/")
    assert listed["KeyCount"] == 0


def test_archives_list_the_towns_objects_in_the_bucket(bucket, people):
    stored = KINDS["case_letter"](people)
    assert town_files.town_file_names("zembrzyce") == [_stored_name(stored.url)]
    assert town_files.town_file_names("glogow") == []
