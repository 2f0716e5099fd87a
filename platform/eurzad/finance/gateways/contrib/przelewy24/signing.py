"""Przelewy24 checksums ("sign"): SHA-384 over a compact JSON of named fields in a fixed
order, the CRC key last, as PHP's json_encode with unescaped slashes and Unicode writes
it. Shared by the plugin and the local simulator."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

__all__ = ["notification_sign", "register_sign", "sign", "signs_match", "verify_sign"]


def sign(fields: list[tuple[str, Any]]) -> str:
    text = json.dumps(dict(fields), separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha384(text.encode("utf-8")).hexdigest()


def register_sign(
    *, session_id: str, merchant_id: int, amount: int, currency: str, crc: str
) -> str:
    """transaction/register."""
    return sign(
        [
            ("sessionId", session_id),
            ("merchantId", merchant_id),
            ("amount", amount),
            ("currency", currency),
            ("crc", crc),
        ]
    )


def notification_sign(
    *,
    merchant_id: int,
    pos_id: int,
    session_id: str,
    amount: int,
    origin_amount: int,
    currency: str,
    order_id: int,
    method_id: int,
    statement: str,
    crc: str,
) -> str:
    """The status notification Przelewy24 sends to urlStatus."""
    return sign(
        [
            ("merchantId", merchant_id),
            ("posId", pos_id),
            ("sessionId", session_id),
            ("amount", amount),
            ("originAmount", origin_amount),
            ("currency", currency),
            ("orderId", order_id),
            ("methodId", method_id),
            ("statement", statement),
            ("crc", crc),
        ]
    )


def verify_sign(*, session_id: str, order_id: int, amount: int, currency: str, crc: str) -> str:
    """transaction/verify."""
    return sign(
        [
            ("sessionId", session_id),
            ("orderId", order_id),
            ("amount", amount),
            ("currency", currency),
            ("crc", crc),
        ]
    )


def signs_match(expected: str, given: object) -> bool:
    return isinstance(given, str) and hmac.compare_digest(expected, given.lower())
