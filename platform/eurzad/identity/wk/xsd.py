"""XML Schema ``xs:date`` and ``xs:dateTime`` values, as the Węzeł Krajowy writes them.

Both may carry a time zone (``Z`` or ``±hh:mm``) and ``xs:dateTime`` any number of
fractional-second digits, e.g. ``DateOfBirth`` = ``1987-02-22Z`` and
``NotOnOrAfter`` = ``2024-07-12T08:39:30.235Z``. A date's zone does not change the day it
names. A dateTime without a zone is taken as UTC, as SAML requires all times in UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

__all__ = ["XsdValueError", "parse_date", "parse_datetime"]

_ZONE = r"(?P<zone>Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_DATE = re.compile(r"(?P<year>-?\d{4,})-(?P<month>\d\d)-(?P<day>\d\d)" + _ZONE)
_DATETIME = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)"
    r"T(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)(?:\.(?P<fraction>\d+))?" + _ZONE
)


class XsdValueError(ValueError):
    """The text is not a valid ``xs:date`` / ``xs:dateTime``."""


def _zone(text: str | None) -> timezone:
    if not text or text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[4:6])
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_date(text: str) -> date:
    """The calendar date of an ``xs:date`` (its zone, if any, is validated and dropped)."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise XsdValueError(f"not an xs:date: {text[:40]!r}")
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise XsdValueError(f"not a calendar date: {text[:40]!r}") from None


def parse_datetime(text: str) -> datetime:
    """An aware datetime (in UTC) for an ``xs:dateTime``."""
    match = _DATETIME.fullmatch(text.strip())
    if match is None:
        raise XsdValueError(f"not an xs:dateTime: {text[:40]!r}")
    microseconds = int((match["fraction"] or "0")[:6].ljust(6, "0"))
    try:
        moment = datetime(
            int(match["year"]),
            int(match["month"]),
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"]),
            microseconds,
            tzinfo=_zone(match["zone"]),
        )
    except ValueError:
        raise XsdValueError(f"not a valid moment: {text[:40]!r}") from None
    return moment.astimezone(UTC)
