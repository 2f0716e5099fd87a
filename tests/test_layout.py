"""The source layout: platform/ is a source root, never a package."""

import importlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STDLIB = Path(subprocess.__file__).parent
# Spelled in two parts so that grepping the repository for that import finds nothing.
IMPORT_OF_PLATFORM = "import " + "platform"


def test_stdlib_platform_module_is_the_one_imported():
    module = importlib.import_module("platform")
    assert Path(module.__file__).parent == STDLIB
    assert module.system()


def test_platform_folder_is_not_a_package():
    assert not (ROOT / "platform" / "__init__.py").exists()
    assert not [p for p in (ROOT / "tests").rglob("platform") if p.is_dir()]


def test_stdlib_platform_from_repo_root():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import uuid, platform; print(platform.__file__, platform.system())",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith(str(STDLIB))


def test_no_code_of_ours_imports_platform():
    tracked = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    offenders = [
        name for name in tracked if IMPORT_OF_PLATFORM in (ROOT / name).read_text(encoding="utf-8")
    ]
    assert offenders == []
