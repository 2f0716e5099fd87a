"""Masking personal numbers for display and logs."""

from __future__ import annotations


def mask(value: str, visible: int = 4) -> str:
    """``44051401359`` → ``*******1359``: enough for a person to recognise their own."""
    if not value:
        return ""
    return "*" * max(len(value) - visible, 0) + value[-visible:]
