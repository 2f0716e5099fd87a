"""The chart deploys private files either way: on a private volume sent by an nginx file
server in every web pod (x-accel), or in an S3-compatible bucket (s3) — and the migration
hook mounts the volumes its data migrations move files between."""

from __future__ import annotations

import base64
from typing import Any

import helm_python as helm
import pytest

from tests.helm.chart import by_kind, pod_specs, render

S3 = {
    "privateFiles": {
        "delivery": "s3",
        "s3": {
            "bucket": "eurzad-private",
            "prefix": "towns",
            "endpointUrl": "https://s3.example.pl",
            "region": "eu-central-1",
            "addressingStyle": "path",
            "urlSeconds": 30,
        },
    },
    "secrets": {
        "privateFilesS3AccessKeyId": "AKIAEXAMPLE",
        "privateFilesS3SecretAccessKey": "s3cr3t",
    },
    "networkPolicy": {"enabled": True},
}
EXISTING_CLAIMS = {
    "persistence": {
        "media": {"existingClaim": "eurzad-media-files"},
        "private": {"existingClaim": "eurzad-private-files"},
    }
}


@pytest.fixture(scope="module")
def x_accel() -> list[dict[str, Any]]:
    return render({"networkPolicy": {"enabled": True}})


@pytest.fixture(scope="module")
def s3() -> list[dict[str, Any]]:
    return render(S3)


def _containers(objects: list[dict[str, Any]], pod: str) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in pod_specs(objects)[pod]["containers"]}


def _mounts(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in container.get("volumeMounts", [])}


def _volumes(objects: list[dict[str, Any]], pod: str) -> dict[str, dict[str, Any]]:
    return {v["name"]: v for v in pod_specs(objects)[pod]["volumes"]}


def _nginx_conf(objects: list[dict[str, Any]]) -> str:
    return by_kind(objects, "ConfigMap")["eurzad-file-server"]["data"]["nginx.conf"]


def _web_ports(objects: list[dict[str, Any]]) -> list[Any]:
    policy = by_kind(objects, "NetworkPolicy")["eurzad-web"]
    return [port["port"] for rule in policy["spec"]["ingress"] for port in rule["ports"]]


def test_x_accel_is_the_default_and_configures_the_app(x_accel):
    data = by_kind(x_accel, "ConfigMap")["eurzad"]["data"]
    assert data["PRIVATE_FILES_DELIVERY"] == "x-accel"
    assert data["PRIVATE_FILES_STORAGE"] == "filesystem"
    assert data["PRIVATE_FILES_ROOT"] == "/app/.eurzad/private"
    assert data["PRIVATE_FILES_ACCEL_PREFIX"] == "/_private/"
    assert not data["PRIVATE_FILES_ROOT"].startswith(data["MEDIA_ROOT"])
    # The hook's copy of the configuration is the same.
    assert by_kind(x_accel, "ConfigMap")["eurzad-migrate"]["data"] == data


def test_x_accel_puts_a_file_server_in_front_of_gunicorn(x_accel):
    containers = _containers(x_accel, "eurzad-web")
    assert list(containers) == ["web", "file-server"]
    server = containers["file-server"]
    assert server["image"] == "nginxinc/nginx-unprivileged:1.30.6-alpine"
    assert server["command"][:3] == ["nginx", "-p", "/tmp/"]
    assert server["ports"] == [{"name": "files", "containerPort": 8080, "protocol": "TCP"}]
    for probe in ("livenessProbe", "readinessProbe"):
        assert server[probe]["httpGet"] == {"path": "/_fileserver/healthz", "port": "files"}
    assert "envFrom" not in server and "env" not in server  # no credentials in nginx
    # The Service and the ingress's NetworkPolicy rule go to the file server; gunicorn
    # keeps its own port for the probes.
    service = by_kind(x_accel, "Service")["eurzad-web"]
    assert service["spec"]["ports"][0]["targetPort"] == "files"
    assert _web_ports(x_accel) == ["files"]
    web = containers["web"]
    assert web["ports"][0] == {"name": "http", "containerPort": 8000, "protocol": "TCP"}
    assert web["readinessProbe"]["httpGet"]["port"] == "http"
    # The pods roll when the file server's configuration changes.
    annotations = by_kind(x_accel, "Deployment")["eurzad-web"]["spec"]["template"]["metadata"]
    assert "checksum/file-server" in annotations["annotations"]


def test_x_accel_mounts_the_private_volume_where_it_is_used(x_accel):
    claim = by_kind(x_accel, "PersistentVolumeClaim")["eurzad-private"]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    assert claim["metadata"]["annotations"]["helm.sh/resource-policy"] == "keep"
    for pod in ("eurzad-web", "eurzad-worker"):
        volume = _volumes(x_accel, pod)["private"]
        assert volume["persistentVolumeClaim"]["claimName"] == "eurzad-private"
    web = _containers(x_accel, "eurzad-web")
    app_mount = _mounts(web["web"])["private"]
    assert app_mount["mountPath"] == "/app/.eurzad/private" and not app_mount.get("readOnly")
    server_mount = _mounts(web["file-server"])["private"]
    assert server_mount == {
        "name": "private",
        "mountPath": "/app/.eurzad/private",
        "readOnly": True,
    }
    assert _mounts(web["file-server"])["tmp"]["mountPath"] == "/tmp"
    worker = _containers(x_accel, "eurzad-worker")["worker"]
    assert _mounts(worker)["private"]["mountPath"] == "/app/.eurzad/private"
    beat = _containers(x_accel, "eurzad-beat")["beat"]
    assert "private" not in _mounts(beat)


def test_file_server_serves_private_files_only_internally_with_its_own_headers(x_accel):
    conf = _nginx_conf(x_accel)
    internal = conf[conf.index("location ^~ /_private/ {") :]
    internal = internal[: internal.index("}")]
    assert "internal;" in internal
    assert "alias /app/.eurzad/private/;" in internal
    assert "add_header X-Content-Type-Options nosniff always;" in internal
    assert (
        "add_header Content-Security-Policy \"default-src 'none'; frame-ancestors 'none'\" "
        "always;" in internal
    )
    assert "proxy_pass http://gunicorn;" in conf
    assert "server 127.0.0.1:8000;" in conf
    assert "listen 0.0.0.0:8080 default_server;" in conf
    assert "client_max_body_size 50m;" in conf  # ingress.proxyBodySize
    assert "proxy_set_header Host $http_host;" in conf
    assert "proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;" in conf
    assert "location = /metrics {\n            return 404;" in conf
    # Temporary files and the pid under the writable /tmp (-p /tmp/), nothing else.
    for line in ("pid nginx.pid;", "client_body_temp_path nginx-client-body;"):
        assert line in conf


def test_file_server_follows_the_values():
    objects = render(
        {
            "web": {"containerPort": 9000},
            "config": {"privateRoot": "/srv/private/"},
            "ingress": {"proxyBodySize": ""},
            "privateFiles": {
                "accelPrefix": "/_pliki-wewnetrzne/",
                "fileServer": {"port": 9090, "addresses": ["0.0.0.0", "[::]"]},
            },
        }
    )
    conf = _nginx_conf(objects)
    assert "server 127.0.0.1:9000;" in conf
    assert "listen 0.0.0.0:9090 default_server;" in conf
    assert "listen [::]:9090 default_server;" in conf
    assert "location ^~ /_pliki-wewnetrzne/ {" in conf
    assert "alias /srv/private/;" in conf
    assert "client_max_body_size 0;" in conf
    data = by_kind(objects, "ConfigMap")["eurzad"]["data"]
    assert data["PRIVATE_FILES_ACCEL_PREFIX"] == "/_pliki-wewnetrzne/"
    web = _containers(objects, "eurzad-web")["web"]
    assert "0.0.0.0:9000" in web["command"]


def test_migration_hook_mounts_no_claim_before_it_exists(x_accel):
    # Rendered without a cluster (helm template, a first install): the chart's claims do
    # not exist yet, and a hook pod waiting for them would never start. In the private
    # folder's place an empty read-only one: files moved there would fail to be written
    # rather than be lost with the pod.
    volumes = _volumes(x_accel, "eurzad-migrate")
    assert set(volumes) == {"tmp", "private-unavailable"}
    assert "persistentVolumeClaim" not in volumes["private-unavailable"]
    mount = _mounts(_containers(x_accel, "eurzad-migrate")["migrate"])["private-unavailable"]
    assert mount == {
        "name": "private-unavailable",
        "mountPath": "/app/.eurzad/private",
        "readOnly": True,
    }


def test_migration_hook_mounts_existing_claims_of_both_volumes():
    objects = render(EXISTING_CLAIMS)
    volumes = _volumes(objects, "eurzad-migrate")
    assert volumes["media"]["persistentVolumeClaim"]["claimName"] == "eurzad-media-files"
    assert volumes["private"]["persistentVolumeClaim"]["claimName"] == "eurzad-private-files"
    mounts = _mounts(_containers(objects, "eurzad-migrate")["migrate"])
    assert mounts["media"]["mountPath"] == "/app/.eurzad/media"
    assert mounts["private"]["mountPath"] == "/app/.eurzad/private"
    assert not mounts["private"].get("readOnly")
    assert "private-unavailable" not in volumes
    assert not by_kind(objects, "PersistentVolumeClaim")
    for pod in ("eurzad-web", "eurzad-worker"):
        assert _volumes(objects, pod)["private"]["persistentVolumeClaim"] == {
            "claimName": "eurzad-private-files"
        }


def test_s3_needs_no_file_server_and_no_private_volume(s3):
    assert list(_containers(s3, "eurzad-web")) == ["web"]
    assert "eurzad-file-server" not in by_kind(s3, "ConfigMap")
    assert set(by_kind(s3, "PersistentVolumeClaim")) == {"eurzad-media"}
    for pod in ("eurzad-web", "eurzad-worker", "eurzad-beat", "eurzad-migrate"):
        assert "private" not in _volumes(s3, pod)
    assert by_kind(s3, "Service")["eurzad-web"]["spec"]["ports"][0]["targetPort"] == "http"
    assert _web_ports(s3) == ["http"]


def test_s3_configures_the_bucket_and_keeps_its_keys_in_the_secret(s3):
    data = by_kind(s3, "ConfigMap")["eurzad"]["data"]
    assert data["PRIVATE_FILES_DELIVERY"] == "s3"
    assert data["PRIVATE_FILES_STORAGE"] == "s3"
    assert data["PRIVATE_FILES_S3_BUCKET"] == "eurzad-private"
    assert data["PRIVATE_FILES_S3_PREFIX"] == "towns"
    assert data["PRIVATE_FILES_S3_ENDPOINT_URL"] == "https://s3.example.pl"
    assert data["PRIVATE_FILES_S3_REGION"] == "eu-central-1"
    assert data["PRIVATE_FILES_S3_ADDRESSING_STYLE"] == "path"
    assert data["PRIVATE_FILES_URL_SECONDS"] == "30"
    assert not {"PRIVATE_FILES_S3_ACCESS_KEY_ID", "PRIVATE_FILES_S3_SECRET_ACCESS_KEY"} & set(data)
    secret = by_kind(s3, "Secret")["eurzad"]["data"]
    assert base64.b64decode(secret["PRIVATE_FILES_S3_ACCESS_KEY_ID"]) == b"AKIAEXAMPLE"
    assert base64.b64decode(secret["PRIVATE_FILES_S3_SECRET_ACCESS_KEY"]) == b"s3cr3t"
    # Without keys (IRSA, pod identity) the Secret carries none.
    keyless = render({"privateFiles": S3["privateFiles"]})
    assert "PRIVATE_FILES_S3_SECRET_ACCESS_KEY" not in by_kind(keyless, "Secret")["eurzad"]["data"]


def test_s3_migration_hook_mounts_the_media_it_moves_files_from():
    objects = render({**EXISTING_CLAIMS, "privateFiles": S3["privateFiles"]})
    assert set(_volumes(objects, "eurzad-migrate")) == {"tmp", "media"}


@pytest.mark.parametrize(
    "values",
    [
        {"privateFiles": {"delivery": "s3"}},  # no bucket
        {"privateFiles": {"delivery": "app"}},  # streaming is for development only
        {"config": {"privateRoot": "/app/.eurzad/media/private"}},
        {"config": {"mediaRoot": "/app/.eurzad/private/media"}},
        {"config": {"privateRoot": "/app/.eurzad/media"}},
        {"config": {"settings": {"PRIVATE_FILES_ROOT": "/elsewhere"}}},
        {"config": {"env": {"PRIVATE_FILES_DELIVERY": "app"}}},
        {"privateFiles": {"accelPrefix": "_private"}},
        {"privateFiles": {"fileServer": {"contentSecurityPolicy": 'default-src "none"'}}},
    ],
)
def test_chart_refuses_private_files_settings_that_do_not_fit(values):
    with pytest.raises(helm.HelmError):
        render(values)
