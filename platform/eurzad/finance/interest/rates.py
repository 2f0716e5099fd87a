"""The dated rates as the calculation uses them, and the official values the platform
ships (``data/*.csv``), loaded on migration and by ``manage.py load_interest_rates``.

:func:`rates_for` is read on every obligation page: the table is kept in the cache
(cleared when an operator changes a row, :mod:`eurzad.finance.interest.signals`)."""

from __future__ import annotations

import csv
import time
from decimal import Decimal
from pathlib import Path

import redis
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django_tenants.utils import get_public_schema_name, get_tenant_model

from eurzad.core.models import PendingCacheInvalidation
from eurzad.core.postgresql.connection import connection
from eurzad.finance.interest.calculation import Rates
from eurzad.finance.interest.models import InterestRate, InterestThreshold, Regime

DATA = Path(__file__).resolve().parent / "data"
CACHE_KEY = "interest:rates:v1"
CACHE_SECONDS = 3600
FRESH_SECONDS = 1.0  # how long a process uses the table it last read from the cache

# The table this process last read from the cache, and when (monotonic seconds); one
# tuple, replaced whole, so that threads never see one without the other.
_recent: tuple[dict[str, Rates], float] | None = None


def _table() -> dict[str, Rates]:
    changes: dict[str, list] = {Regime.TAX: [], Regime.CIVIL: []}
    for regime, valid_from, rate in InterestRate.objects.values_list(
        "regime", "valid_from", "rate"
    ):
        changes.setdefault(regime, []).append((valid_from, rate))
    thresholds = tuple(InterestThreshold.objects.values_list("valid_from", "amount"))
    return {
        Regime.TAX: Rates(Regime.TAX, tuple(changes[Regime.TAX]), thresholds),
        Regime.CIVIL: Rates(Regime.CIVIL, tuple(changes[Regime.CIVIL])),
        Regime.NONE: Rates(Regime.NONE, ()),
    }


def rates_for(regime: str) -> Rates:
    """The rates (and, for tax arrears, thresholds) of ``regime``."""
    global _recent
    now = time.monotonic()
    recent = _recent
    if recent is not None and now - recent[1] < FRESH_SECONDS:
        return recent[0][regime]
    table = cache.get(CACHE_KEY)
    if table is None:
        table = _table()
        cache.set(CACHE_KEY, table, CACHE_SECONDS)
    _recent = (table, now)
    return table[regime]


def forget_rates_in_this_process() -> None:
    """Read the table from the cache next time (tests: as a new process would)."""
    global _recent
    _recent = None


def forget_rates() -> None:
    """Drop the cached table in every schema. The cache's keys carry the schema they are
    written in (``django_tenants.cache.make_key``): each town keeps its own copy, while
    the operators change the table on the platform host. Other processes read the
    cache again within :data:`FRESH_SECONDS`; this one at once."""
    forget_rates_in_this_process()
    backend = caches["default"]
    if not isinstance(backend, RedisCache):  # a process-local cache: nothing shared
        cache.delete(CACHE_KEY)
        return
    # "<schema>:<prefix>:<version>:<key>": this schema's key, with every schema's name.
    tail = cache.make_key(CACHE_KEY).removeprefix(connection.schema_name)
    schemas = get_tenant_model().objects.values_list("schema_name", flat=True)
    keys = sorted({schema + tail for schema in (get_public_schema_name(), *schemas)})
    try:
        backend._cache.delete_many(keys)  # the keys as stored, past the key function
    except (redis.RedisError, OSError):
        # Redis away: dropped when it is back (eurzad.core.resilient_cache repairs them).
        PendingCacheInvalidation.objects.bulk_create(
            [PendingCacheInvalidation(key=key, action="delete") for key in keys],
            ignore_conflicts=True,
        )


def _add_missing(model, file_name: str, keys: tuple[str, ...], value: str) -> int:
    """Rows of ``file_name`` whose ``keys`` the table lacks, added; returns how many."""
    added = 0
    with (DATA / file_name).open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            _row, created = model.objects.get_or_create(
                **{key: row[key] for key in keys},
                defaults={
                    value: Decimal(row[value]),
                    "announcement": row["announcement"],
                    "source_url": row["source_url"],
                    "created_by": "eurzad",
                },
            )
            added += created
    return added


def load_official_rates(rate_model=InterestRate, threshold_model=InterestThreshold) -> int:
    """Add the shipped official rows the table lacks (by regime and day); a row an
    operator has entered or corrected is never overwritten. Returns how many were added.
    The models may be a migration's historical ones."""
    return _add_missing(
        rate_model, "official_rates.csv", ("regime", "valid_from"), "rate"
    ) + _add_missing(threshold_model, "official_thresholds.csv", ("valid_from",), "amount")
