"""Demo passwords: generated on first run, kept under .eurzad/ (never in git)."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from django.conf import settings


def _path() -> Path:
    return Path(settings.STATE_DIR) / "demo-credentials.json"


def demo_password(account: str) -> str:
    path = _path()
    stored: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    if account not in stored:
        stored[account] = secrets.token_urlsafe(9)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored, indent=2, ensure_ascii=False))
        path.chmod(0o600)
    return stored[account]
