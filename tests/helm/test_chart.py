"""The Helm chart lints, renders with the default and the production values, and the
rendered manifests are what production needs (hooks, probes, security, hosts, secrets)."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import helm_python as helm
import pytest
import yaml

from tests.helm.chart import (
    CHART,
    REPO,
    by_kind,
    deep_merge,
    pod_specs,
    render,
    values_of,
)


@pytest.fixture(scope="module")
def default() -> list[dict[str, Any]]:
    return render(values_of("default"))


@pytest.fixture(scope="module")
def production() -> list[dict[str, Any]]:
    return render(values_of("production"))


def _containers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return spec.get("initContainers", []) + spec["containers"]


@pytest.mark.parametrize("label", ["default", "production"])
def test_chart_lints_without_errors(label: str) -> None:
    report = helm.lint(CHART, values_of(label), strict=True, namespace="eurzad")
    assert report["errors"] == []
    problems = [m for m in report["messages"] if m["severity"] >= 2]
    assert problems == []


def test_chart_metadata_follows_the_project_version() -> None:
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text())
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert chart["apiVersion"] == "v2"
    assert chart["appVersion"] == project["version"]


def test_values_yaml_documents_every_value() -> None:
    """Every value of values.yaml has a comment above it, or sits inside a documented
    block (e.g. the fields of a documented `resources:`)."""
    lines = (CHART / "values.yaml").read_text().splitlines()
    undocumented = []
    ancestors: list[tuple[int, bool]] = []  # (indent, documented) of the enclosing keys
    for index, line in enumerate(lines):
        match = re.match(r"^(\s*)([A-Za-z_][\w.-]*):", line)
        if not match:
            continue
        indent = len(match.group(1))
        while ancestors and ancestors[-1][0] >= indent:
            ancestors.pop()
        commented = index > 0 and lines[index - 1].strip().startswith("#")
        documented = commented or any(done for _, done in ancestors)
        is_block = line.rstrip().endswith(":")
        if not documented and not is_block:
            undocumented.append(line.strip())
        ancestors.append((indent, documented))
    assert undocumented == []


def test_operator_docs_list_every_value() -> None:
    """docs/operators/helm.md's values table names every `# --` documented value."""
    docs = (REPO / "docs" / "operators" / "helm.md").read_text()
    lines = (CHART / "values.yaml").read_text().splitlines()
    stack: list[tuple[int, str]] = []
    missing = []
    for index, line in enumerate(lines):
        match = re.match(r"^(\s*)([A-Za-z_][\w.-]*):", line)
        if not match:
            continue
        indent = len(match.group(1))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, match.group(2)))
        start = index
        while start > 0 and lines[start - 1].strip().startswith("#"):
            start -= 1
        if start < index and lines[start].strip().startswith("# --"):
            key = ".".join(k for _, k in stack)
            if f"| `{key}` |" not in docs:
                missing.append(key)
    assert missing == []


def test_default_render_has_every_component(default: list[dict[str, Any]]) -> None:
    kinds = {o["kind"] for o in default}
    assert {
        "Deployment",
        "Service",
        "Ingress",
        "ConfigMap",
        "Secret",
        "Job",
        "PodDisruptionBudget",
        "PersistentVolumeClaim",
        "ServiceAccount",
    } <= kinds
    assert set(by_kind(default, "Deployment")) == {"eurzad-web", "eurzad-worker", "eurzad-beat"}
    assert set(by_kind(default, "PodDisruptionBudget")) == {"eurzad-web", "eurzad-worker"}
    pvc = by_kind(default, "PersistentVolumeClaim")["eurzad-media"]
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]


def test_production_render_adds_autoscalers_and_network_policies(
    production: list[dict[str, Any]],
) -> None:
    hpas = by_kind(production, "HorizontalPodAutoscaler")
    assert set(hpas) == {"eurzad-web", "eurzad-worker"}
    for hpa in hpas.values():
        resources = {m["resource"]["name"] for m in hpa["spec"]["metrics"]}
        assert resources == {"cpu", "memory"}
    assert hpas["eurzad-web"]["spec"]["minReplicas"] == 3
    assert by_kind(production, "NetworkPolicy")
    assert set(by_kind(production, "PodDisruptionBudget")) == {"eurzad-web", "eurzad-worker"}
    for spec in pod_specs(production).values():
        for container in spec["containers"]:
            assert "@sha256:" in container["image"]


def test_migrations_run_as_a_pre_install_and_pre_upgrade_hook(
    production: list[dict[str, Any]],
) -> None:
    job = by_kind(production, "Job")["eurzad-migrate"]
    annotations = job["metadata"]["annotations"]
    assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert "helm.sh/hook-weight" in annotations
    assert "before-hook-creation" in annotations["helm.sh/hook-delete-policy"]
    assert job["spec"]["backoffLimit"] >= 0
    assert job["spec"]["activeDeadlineSeconds"] == 3600
    script = " ".join(job["spec"]["template"]["spec"]["containers"][0]["command"])
    assert "manage.py migrate_schemas --shared" in script
    assert script.index("migrate_schemas --shared") < script.index(
        "migrate_towns --skip-public --jobs 8"
    )
    # Its configuration exists before the Job (hooks run before release resources).
    config = by_kind(production, "ConfigMap")["eurzad-migrate"]
    assert int(config["metadata"]["annotations"]["helm.sh/hook-weight"]) < int(
        annotations["helm.sh/hook-weight"]
    )


def test_beat_is_a_single_recreated_pod(production: list[dict[str, Any]]) -> None:
    beat = by_kind(production, "Deployment")["eurzad-beat"]
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    command = beat["spec"]["template"]["spec"]["containers"][0]["command"]
    assert command[:4] == ["celery", "-A", "eurzad.celery", "beat"]
    worker = by_kind(production, "Deployment")["eurzad-worker"]
    assert worker["spec"]["template"]["spec"]["containers"][0]["command"][:4] == [
        "celery",
        "-A",
        "eurzad.celery",
        "worker",
    ]


@pytest.mark.parametrize("label", ["default", "production"])
def test_web_probes_ask_the_platform_host(label: str) -> None:
    objects = render(values_of(label))
    domain = by_kind(objects, "ConfigMap")["eurzad"]["data"]["PLATFORM_DOMAIN"]
    web = by_kind(objects, "Deployment")["eurzad-web"]["spec"]["template"]["spec"]
    container = web["containers"][0]
    assert container["command"][:2] == ["gunicorn", "eurzad.wsgi:application"]
    paths = {
        probe: container[probe]["httpGet"]["path"]
        for probe in ("startupProbe", "livenessProbe", "readinessProbe")
    }
    assert paths == {
        "startupProbe": "/healthz",
        "livenessProbe": "/healthz",
        "readinessProbe": "/readyz",
    }
    for probe in paths:
        headers = container[probe]["httpGet"]["httpHeaders"]
        assert headers == [{"name": "Host", "value": domain}]


@pytest.mark.parametrize("label", ["default", "production"])
def test_every_container_is_locked_down(label: str) -> None:
    specs = pod_specs(render(values_of(label)))
    assert set(specs) == {"eurzad-web", "eurzad-worker", "eurzad-beat", "eurzad-migrate"}
    for name, spec in specs.items():
        assert spec["automountServiceAccountToken"] is False, name
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        tmp = next(v for v in spec["volumes"] if v["name"] == "tmp")
        assert "emptyDir" in tmp, name
        for container in _containers(spec):
            context = container["securityContext"]
            assert context["runAsNonRoot"] is True, name
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["capabilities"]["drop"] == ["ALL"], name
            assert not context["capabilities"].get("add"), name
            assert context["seccompProfile"] == {"type": "RuntimeDefault"}, name
            mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
            assert mounts["/tmp"] == "tmp", name
            resources = container["resources"]
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(resources[kind]), (name, kind)


def test_ingress_serves_the_wildcard_and_the_custom_domains(
    production: list[dict[str, Any]],
) -> None:
    ingress = by_kind(production, "Ingress")["eurzad"]
    hosts = [rule["host"] for rule in ingress["spec"]["rules"]]
    assert hosts == ["eurzad.pl", "*.eurzad.pl", "eurzad.zembrzyce.pl", "e-urzad.stryszawa.pl"]
    tls = {tuple(t["hosts"]): t["secretName"] for t in ingress["spec"]["tls"]}
    assert tls[("eurzad.pl", "*.eurzad.pl")] == "eurzad-tls"
    assert tls[("eurzad.zembrzyce.pl",)] == "zembrzyce-eurzad-tls"
    assert tls[("e-urzad.stryszawa.pl",)] == "stryszawa-eurzad-tls"
    annotations = ingress["metadata"]["annotations"]
    assert annotations["cert-manager.io/cluster-issuer"] == "letsencrypt-prod"
    allowed = by_kind(production, "ConfigMap")["eurzad"]["data"]["ALLOWED_HOSTS"].split(",")
    assert {"eurzad.pl", ".eurzad.pl", "eurzad.zembrzyce.pl", "e-urzad.stryszawa.pl"} <= set(
        allowed
    )


def test_existing_secret_switches_off_the_charts_secret(
    default: list[dict[str, Any]], production: list[dict[str, Any]]
) -> None:
    assert "eurzad" in by_kind(default, "Secret")
    assert by_kind(production, "Secret") == {}
    for name, spec in pod_specs(production).items():
        for container in spec["containers"]:
            if container["name"] == "file-server":  # nginx needs none of the credentials
                assert "envFrom" not in container and "env" not in container
                continue
            refs = [s["secretRef"]["name"] for s in container["envFrom"] if "secretRef" in s]
            assert refs == ["eurzad-credentials"], name


def test_sentinel_values_reach_the_environment(production: list[dict[str, Any]]) -> None:
    data = by_kind(production, "ConfigMap")["eurzad"]["data"]
    assert data["REDIS_SENTINEL_MASTER"] == "eurzad"
    assert data["REDIS_SENTINELS"].split(",") == [
        "redis-sentinel-0.redis-sentinel.redis.svc:26379",
        "redis-sentinel-1.redis-sentinel.redis.svc:26379",
        "redis-sentinel-2.redis-sentinel.redis.svc:26379",
    ]
    # The hook's copy of the configuration carries them too (migrations need Redis as well).
    assert by_kind(production, "ConfigMap")["eurzad-migrate"]["data"] == data
    with_password = render(
        {"redis": {"sentinel": {"enabled": True, "hosts": ["s1:26379"], "password": "pw"}}}
    )
    assert "REDIS_SENTINEL_PASSWORD" in by_kind(with_password, "Secret")["eurzad"]["data"]


def _documented_variables() -> dict[str, bool]:
    """Variable -> is it secret, from the generated docs/operators/configuration.md."""
    text = (REPO / "docs" / "operators" / "configuration.md").read_text()
    variables = {}
    for line in text.splitlines():
        match = re.match(r"^\| `([A-Z][A-Z0-9_]*)` \|([^|]*)\|([^|]*)\|", line)
        if match:
            variables[match.group(1)] = match.group(3).strip() == "yes"
    return variables


# Read by the app but deliberately not configured by the chart (documented in values.yaml).
NOT_IN_CHART = {
    "TEST_REDIS_DB_BASE",  # tests only
    "EDORECZENIA_SIMULATOR_URL",  # simulators: production refuses SIMULATORS_ENABLED
    "EPUAP_SIMULATOR_URL",
    "P24_SIMULATOR_URL",
    "PAYU_SIMULATOR_URL",
    "PZ_SIMULATOR_URL",
    "WK_SIMULATOR_URL",
}
# Not secret by themselves, but kept in the Secret next to the secret they belong with.
IN_THE_SECRET = {"PRIVATE_FILES_S3_ACCESS_KEY_ID"}


def test_every_documented_variable_is_configured() -> None:
    objects = render(
        {
            "secrets": {
                "databaseUrl": "postgres://eurzad:pw@pgbouncer:6432/eurzad",
                "redisUrl": "redis://:pw@redis:6379",
                "emailUrl": "smtp://mail:pw@smtp.example.com:587",
                "emailHostPassword": "pw",
                "metricsToken": "t",
                "privateFilesS3AccessKeyId": "AKIAEXAMPLE",
                "privateFilesS3SecretAccessKey": "secret",
            },
            "redis": {"sentinel": {"enabled": True, "hosts": ["s1:26379"], "password": "pw"}},
        }
    )
    config = by_kind(objects, "ConfigMap")["eurzad"]["data"]
    secret = by_kind(objects, "Secret")["eurzad"]["data"]
    env = {
        e["name"]
        for spec in pod_specs(objects).values()
        for c in spec["containers"]
        for e in c.get("env", [])
    }
    documented = _documented_variables()
    assert len(documented) > 40
    missing = {
        name
        for name, is_secret in documented.items()
        if name not in NOT_IN_CHART
        and name not in set(secret if is_secret or name in IN_THE_SECRET else config) | env
    }
    assert missing == set()
    assert not IN_THE_SECRET & set(config)
    assert {"WEB_CONCURRENCY", "WEB_THREADS", "CELERY_WORKER_CONCURRENCY"} <= env
    assert config["DJANGO_SETTINGS_MODULE"] == "eurzad.settings.production"
    assert config["SIMULATORS_ENABLED"] == "false"


@pytest.mark.parametrize(
    "values",
    [
        {"redis": {"sentinel": {"enabled": True, "hosts": []}}},
        {"config": {"settings": {"SECRET_KEY": "x" * 60}}},
        {"secrets": {"databaseUrl": "mysql://db/eurzad"}},
        {"migrate": {"jobs": 0}},
        {"web": {"replicas": 3}},
    ],
)
def test_schema_rejects_wrong_values(values: dict[str, Any]) -> None:
    with pytest.raises(helm.HelmError):
        render(values)


def test_schema_accepts_the_production_example() -> None:
    with helm.Chart.load(CHART) as chart:
        chart.validate_schema(deep_merge(chart.values, values_of("production")))
