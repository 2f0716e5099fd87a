"""Schema names and host names for municipalities."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_POLISH = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
_SCHEMA_RE = re.compile(r"[a-z][a-z0-9_]{0,62}")
_LABEL_RE = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
RESERVED_SCHEMAS = {"public", "information_schema", "template"}


def schema_name_for(name: str) -> str:
    """``Głogów`` → ``glogow``; ``Bielsko-Biała`` → ``bielsko_biala``."""
    ascii_name = unicodedata.normalize("NFKD", name.translate(_POLISH))
    ascii_name = ascii_name.encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"gmina_{slug}"
    return slug[:63]


def validate_schema_name(value: str) -> None:
    if not _SCHEMA_RE.fullmatch(value) or value in RESERVED_SCHEMAS or value.startswith("pg_"):
        raise ValidationError(
            _("Nazwa schematu: małe litery, cyfry i podkreślenia, zaczyna się literą."),
            code="schema_name",
        )


def normalise_hostname(value: str) -> str:
    """Lower-case a host name and check it is one (IDN given as punycode)."""
    hostname = (value or "").strip().lower().rstrip(".")
    labels = hostname.split(".")
    if len(hostname) > 253 or not all(_LABEL_RE.fullmatch(label) for label in labels):
        raise ValidationError(
            _("„%(host)s” nie jest poprawną nazwą hosta – podaj samą nazwę, bez portu i ścieżki."),
            code="hostname",
            params={"host": value},
        )
    return hostname
