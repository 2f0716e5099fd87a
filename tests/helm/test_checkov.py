"""checkov finds nothing in the rendered chart beyond the documented allow-list
(helm/eurzad/checkov-skips.yaml, explained in docs/operators/helm.md)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helm.chart import CHART, REPO, VALUES_FILES, render_files, values_of

BLOCKING_SEVERITIES = {"HIGH", "CRITICAL"}


def _checkov_bin() -> Path:
    path = Path(os.environ.get("CHECKOV_BIN", ".venv-tools/bin/checkov"))
    return path if path.is_absolute() else REPO / path


def _allow_list() -> list[dict[str, Any]]:
    return yaml.safe_load((CHART / "checkov-skips.yaml").read_text())["skips"]


def _component(resource: str) -> str:
    """ "Deployment.eurzad.eurzad-web" or "Pod.eurzad.eurzad-web.helm.sh/..." -> "web"."""
    return resource.split(".")[2].removeprefix("eurzad-")


def _scan(label: str, folder: Path) -> list[dict[str, Any]]:
    for path, text in render_files(values_of(label)).items():
        if path.endswith(".yaml") and text.strip():
            (folder / path.replace("/", "_")).write_text(text)
    binary = _checkov_bin()
    if not binary.exists():
        pytest.fail(f"checkov not found at {binary}: run `make install` or set CHECKOV_BIN")
    result = subprocess.run(
        [
            str(binary),
            "-d",
            str(folder),
            "--framework",
            "kubernetes",
            "-o",
            "json",
            "--quiet",
            "--compact",
            # No network: severities and guidelines would come from the Prisma Cloud API.
            "--skip-download",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in {0, 1}, result.stderr[-2000:]
    reports = json.loads(result.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    assert reports and reports[0]["summary"]["resource_count"] > 10
    assert reports[0]["summary"]["parsing_errors"] == 0
    return [f for report in reports for f in report["results"]["failed_checks"]]


@pytest.mark.parametrize("label", sorted(VALUES_FILES))
def test_checkov_finds_only_allowed_issues(label: str, tmp_path: Path) -> None:
    failed = _scan(label, tmp_path)
    blocking = [
        (f["check_id"], f["resource"]) for f in failed if f.get("severity") in BLOCKING_SEVERITIES
    ]
    assert blocking == []
    allowed = {
        (skip["id"], component)
        for skip in _allow_list()
        if label in skip["values"]
        for component in skip["components"]
    }
    unexpected = sorted(
        (f["check_id"], f["resource"], f["check_name"])
        for f in failed
        if (f["check_id"], _component(f["resource"])) not in allowed
    )
    assert unexpected == []
    # The allow-list stays minimal: every entry for this values file is still needed.
    seen = {(f["check_id"], _component(f["resource"])) for f in failed}
    assert sorted(allowed - seen) == []


def test_allow_list_gives_a_reason_for_every_skip() -> None:
    docs = (REPO / "docs" / "operators" / "helm.md").read_text()
    for skip in _allow_list():
        assert len(skip["reason"]) > 40, skip["id"]
        assert set(skip["values"]) <= set(VALUES_FILES), skip["id"]
        assert f"`{skip['id']}`" in docs, skip["id"]
