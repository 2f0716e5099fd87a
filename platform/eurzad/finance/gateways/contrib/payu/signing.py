"""PayU's ``OpenPayu-Signature``: a hex digest of the notification's raw body followed by
the POS's second key ("drugi klucz (MD5)"), named by the header's ``algorithm``.

The names accepted are the ones PayU's PHP SDK (openpayu_php 2.4) verifies: MD5, SHA-1,
SHA-256, SHA-384 and SHA-512, written with or without the dash, in any case. The bare
``SHA`` is refused on purpose: the official SDKs disagree on it (SHA-1 in openpayu_ruby
and older openpayu_php, SHA-256 in openpayu_php 2.4). See docs/integrations/payu.md.
Shared by the plugin and the tests; a PayU simulator would sign with ``signature_of``."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from typing import Any

from eurzad.finance.gateways.registry import InvalidNotification

__all__ = [
    "HEADER_NAMES",
    "digest_name",
    "parse_signature_header",
    "signature_header",
    "signature_of",
    "verify_signature",
]

# PayU sends both; the first is the documented one.
HEADER_NAMES = ("OpenPayu-Signature", "X-OpenPayU-Signature")

DIGESTS: dict[str, Callable[..., Any]] = {
    "MD5": hashlib.md5,
    "SHA1": hashlib.sha1,
    "SHA256": hashlib.sha256,
    "SHA384": hashlib.sha384,
    "SHA512": hashlib.sha512,
}
_NAME = re.compile(r"(MD5|SHA-?(?:1|256|384|512))", re.IGNORECASE)


def digest_name(algorithm: str) -> str:
    """``sha-256``, ``SHA256``, ``Sha-256`` → ``SHA256``; anything else is refused."""
    if not _NAME.fullmatch(algorithm.strip()):
        raise InvalidNotification(
            "Nieobsługiwany algorytm podpisu PayU (unsupported PayU signature algorithm): "
            f"{algorithm[:40]!r}; obsługiwane (supported): MD5, SHA-1, SHA-256, SHA-384, SHA-512"
        )
    return algorithm.strip().upper().replace("-", "")


def signature_of(body: bytes, second_key: str, algorithm: str) -> str:
    """The lowercase hex digest PayU puts in ``signature=``."""
    return DIGESTS[digest_name(algorithm)](body + second_key.encode("utf-8")).hexdigest()


def parse_signature_header(header: str) -> dict[str, str]:
    """``sender=checkout;signature=…;algorithm=MD5;content=DOCUMENT`` → a dict with
    lowercase names. A part without ``=`` or a name given twice makes the header
    malformed (refused), as does an empty one."""
    parts: dict[str, str] = {}
    for item in header.strip().strip(";").split(";"):
        name, sep, value = item.partition("=")
        name = name.strip().lower()
        if not sep or not name or name in parts:
            raise InvalidNotification(
                "Nieprawidłowy nagłówek OpenPayu-Signature (malformed OpenPayu-Signature header)"
            )
        parts[name] = value.strip()
    return parts


def signature_header(headers: Mapping[str, str]) -> str:
    """The signature header's value, whatever the case of its name ("" if absent)."""
    wanted = [name.lower() for name in HEADER_NAMES]
    found = {str(name).lower(): value for name, value in headers.items()}
    return next((found[name] for name in wanted if found.get(name)), "")


def verify_signature(body: bytes, header: str, second_key: str) -> None:
    """Raise InvalidNotification unless ``header`` signs ``body`` with ``second_key``."""
    if not second_key:
        # An empty key would make the "signature" a plain digest anyone can compute.
        raise InvalidNotification(
            "Brak drugiego klucza PayU w konfiguracji (PayU second key not configured)"
        )
    if not header:
        raise InvalidNotification(
            "Brak nagłówka OpenPayu-Signature (missing OpenPayu-Signature header)"
        )
    parts = parse_signature_header(header)
    given = parts.get("signature", "")
    algorithm = parts.get("algorithm", "")
    if not given or not algorithm:
        raise InvalidNotification(
            "Nagłówek OpenPayu-Signature bez podpisu lub algorytmu "
            "(OpenPayu-Signature header without signature or algorithm)"
        )
    expected = signature_of(body, second_key, algorithm)
    # Bytes, not str: compare_digest refuses non-ASCII text, and a header may carry any.
    if not hmac.compare_digest(expected.encode("ascii"), given.lower().encode("utf-8")):
        raise InvalidNotification("Nieprawidłowy podpis (invalid signature)")
