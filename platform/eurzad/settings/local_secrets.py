"""A secret key for dev and demo, generated on first run under .eurzad/ (never in git)."""

from __future__ import annotations

import secrets
from pathlib import Path


def local_secret_key(state_dir: Path) -> str:
    path = state_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    state_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    path.write_text(key)
    path.chmod(0o600)
    return key
