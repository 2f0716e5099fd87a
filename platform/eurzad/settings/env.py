"""Environment variables: one registry, so every variable has a default and a help line.

``docs/operators/configuration.md`` is generated from this registry
(``python manage.py document_settings``) and a test keeps the two in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Variable:
    name: str
    default: Any
    help: str
    secret: bool = False


REGISTRY: dict[str, Variable] = {}


def _declare(name: str, default: Any, help: str, secret: bool) -> str | None:
    REGISTRY[name] = Variable(name, default, help, secret)
    return os.environ.get(name)


def env_str(name: str, default: str, help: str, *, secret: bool = False) -> str:
    raw = _declare(name, default, help, secret)
    return default if raw is None else raw


def env_bool(name: str, default: bool, help: str) -> bool:
    raw = _declare(name, default, help, False)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on", "tak"}:
        return True
    if value in {"0", "false", "no", "off", "nie", ""}:
        return False
    raise ValueError(f"{name}: expected a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int, help: str) -> int:
    raw = _declare(name, default, help, False)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name}: expected an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str], help: str) -> list[str]:
    raw = _declare(name, ",".join(default), help, False)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...], help: str) -> str:
    raw = _declare(name, default, f"{help} One of: {', '.join(choices)}.", False)
    value = default if raw is None else raw.strip().lower()
    if value not in choices:
        raise ValueError(f"{name}: expected one of {', '.join(choices)}, got {raw!r}")
    return value


def is_set(name: str) -> bool:
    return bool(os.environ.get(name))
