"""The platform's database run by CloudNativePG from the chart: continuous WAL archiving
and nightly base backups through the Barman Cloud plugin, the processes reading the
operator's Secret, and recovery to a moment (docs/operators/backup-restore.md)."""

from __future__ import annotations

from typing import Any

import helm_python as helm
import pytest

from tests.helm.chart import by_kind, pod_specs, render

BACKED_UP = {
    "database": {
        "cloudnativepg": {
            "enabled": True,
            "backup": {
                "destinationPath": "s3://eurzad-backups/production/",
                "endpointURL": "https://s3.example.org",
                "credentialsSecret": "eurzad-backup-credentials",
            },
        }
    }
}
PLUGIN = "barman-cloud.cloudnative-pg.io"


def _with(**recovery: object) -> dict[str, Any]:
    values = {"database": {"cloudnativepg": dict(BACKED_UP["database"]["cloudnativepg"])}}
    values["database"]["cloudnativepg"]["recovery"] = {"enabled": True, **recovery}
    return values


def test_no_database_objects_unless_asked() -> None:
    kinds = {o["kind"] for o in render()}
    assert not kinds & {"Cluster", "ObjectStore", "ScheduledBackup"}


def test_the_cluster_archives_every_wal_segment_and_is_backed_up_nightly() -> None:
    objects = render(BACKED_UP)
    [store] = by_kind(objects, "ObjectStore").values()
    configuration = store["spec"]["configuration"]
    assert configuration["destinationPath"] == "s3://eurzad-backups/production/"
    assert configuration["endpointURL"] == "https://s3.example.org"
    assert configuration["s3Credentials"]["accessKeyId"] == {
        "name": "eurzad-backup-credentials",
        "key": "ACCESS_KEY_ID",
    }
    assert store["spec"]["retentionPolicy"] == "30d"
    [cluster] = by_kind(objects, "Cluster").values()
    assert cluster["apiVersion"] == "postgresql.cnpg.io/v1"
    assert cluster["spec"]["instances"] == 3
    assert cluster["spec"]["bootstrap"] == {"initdb": {"database": "eurzad", "owner": "eurzad"}}
    assert cluster["spec"]["plugins"] == [
        {
            "name": PLUGIN,
            "isWALArchiver": True,
            "parameters": {"barmanObjectName": store["metadata"]["name"]},
        }
    ]
    [scheduled] = by_kind(objects, "ScheduledBackup").values()
    assert scheduled["spec"]["cluster"]["name"] == cluster["metadata"]["name"]
    assert scheduled["spec"]["method"] == "plugin"
    assert scheduled["spec"]["pluginConfiguration"] == {"name": PLUGIN}
    assert len(scheduled["spec"]["schedule"].split()) == 6  # seconds first


def test_every_process_reads_the_database_url_from_the_operators_secret() -> None:
    objects = render(BACKED_UP)
    [cluster] = by_kind(objects, "Cluster").values()
    specs = pod_specs(objects)
    assert len(specs) >= 4  # web, worker, beat, migrate
    for name, spec in specs.items():
        for container in spec["containers"]:
            if container["name"] == "file-server":
                continue
            [url] = [e for e in container.get("env", []) if e["name"] == "DATABASE_URL"]
            assert url["valueFrom"]["secretKeyRef"] == {
                "name": f"{cluster['metadata']['name']}-app",
                "key": "uri",
            }, name


def test_on_install_migrations_wait_for_the_cluster_the_chart_creates() -> None:
    objects = render(BACKED_UP)
    [job] = [o for o in objects if o["kind"] == "Job"]
    assert job["metadata"]["annotations"]["helm.sh/hook"] == "post-install,pre-upgrade"
    script = " ".join(job["spec"]["template"]["spec"]["containers"][0]["command"])
    assert script.index("wait_for_database") < script.index("migrate_schemas")
    default_job = next(o for o in render() if o["kind"] == "Job")
    assert default_job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"


def test_recovery_restores_the_archive_up_to_a_moment() -> None:
    objects = render(_with(sourceServerName="eurzad-db", targetTime="2026-12-07 09:30:00+01:00"))
    [cluster] = by_kind(objects, "Cluster").values()
    recovery = cluster["spec"]["bootstrap"]["recovery"]
    assert recovery["source"] == "archive"
    assert recovery["recoveryTarget"] == {"targetTime": "2026-12-07 09:30:00+01:00"}
    [source] = cluster["spec"]["externalClusters"]
    assert source["plugin"]["name"] == PLUGIN
    assert source["plugin"]["parameters"]["serverName"] == "eurzad-db"
    assert cluster["spec"]["plugins"][0]["isWALArchiver"] is True  # and archives again


@pytest.mark.parametrize(
    "values",
    [
        {"database": {"cloudnativepg": {"enabled": True}}},  # no object store for backups
        _with(),  # recovery without saying whose archive
    ],
)
def test_a_database_without_backups_or_a_recovery_without_a_source_is_refused(
    values: dict[str, Any],
) -> None:
    with pytest.raises(helm.HelmError):
        render(values)
