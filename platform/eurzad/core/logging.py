"""Log records the operators can search: one JSON object per line, a request id on every
line of a request, and no PESEL or NIP even when a careless message carries one.

Selected by ``LOG_FORMAT`` (``json`` in production, ``plain`` in development and tests);
the fields are listed in docs/operators/monitoring.md.
"""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar
from typing import Any, cast

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter
from stdnum.pl import nip

from eurzad.core.masking import mask

request_id_var: ContextVar[str] = ContextVar("eurzad_request_id", default="-")

# 11 digits alone: PESEL-looking. 10 digits (or 123-456-78-90 / 123-45-67-890): NIP-looking,
# masked when its check digit is right (so a Unix timestamp stays readable).
_PESEL_LIKE = re.compile(r"(?<![\w])\d{11}(?![\w])")
_NIP_LIKE = re.compile(
    r"(?<![\w-])(?:PL)?(\d{3}-?\d{3}-?\d{2}-?\d{2}|\d{3}-\d{2}-\d{2}-\d{3})(?![\w-])"
)

# Cheap pre-check: most messages have no run of digits long enough to be either.
_CANDIDATE = re.compile(r"\d{3}-?\d{2}-?\d{2}")


def mask_identifiers(text: str) -> str:
    """Replace PESEL- and NIP-looking numbers in ``text`` with their masked form."""
    if not text or not _CANDIDATE.search(text):
        return text
    text = _PESEL_LIKE.sub(lambda m: mask(m.group(0)), text)

    def _nip(match: re.Match[str]) -> str:
        digits = match.group(1).replace("-", "")
        return mask(digits) if nip.is_valid(digits) else match.group(0)

    return _NIP_LIKE.sub(_nip, text)


class MaskIdentifiersFilter(logging.Filter):
    """Safety net: a message or traceback that quotes a PESEL or NIP is masked before any
    handler writes it. Code should never log them in the first place."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken %-format: leave it for the formatter to report
            return True
        masked = mask_identifiers(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_identifiers(record.exc_text)
        return True


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (the current request's, or ``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: time, level, logger, message, schema_name, request_id,
    the extra fields of the record and, when there is one, the exception."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "rename_fields",
            {"asctime": "time", "levelname": "level", "name": "logger", "exc_info": "exception"},
        )
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%S%z")
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s", *args, **kwargs)

    def formatException(self, ei: Any) -> str:
        # python-json-logger formats the traceback itself instead of reusing exc_text.
        # A string: the traceback is a list only with exc_info_as_array, which is off.
        return mask_identifiers(cast(str, super().formatException(ei)))
