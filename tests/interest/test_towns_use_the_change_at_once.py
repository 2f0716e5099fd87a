"""A rate an operator adds, corrects or deletes (console or API, on the platform host) is
what every town calculates with at once: no town keeps the table it cached before (and
another worker process, within a second)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django_tenants.utils import schema_context

from eurzad.finance.interest import rates
from eurzad.finance.interest.models import InterestRate, Regime
from eurzad.finance.interest.rates import rates_for
from tests.interest.conftest import NEW_RATE, SPARE_DAY, rate_form

TOWNS = ("zembrzyce", "glogow")
DAY = date(2024, 2, 1)  # after SPARE_DAY, before the next shipped change


def tax_rate_in_towns(day: date) -> set[Decimal]:
    rates = set()
    for schema in TOWNS:
        with schema_context(schema):
            rates.add(rates_for(Regime.TAX).rate_on(day))
    return rates


def test_a_rate_added_in_the_console_is_used_by_every_town_at_once(console):
    assert tax_rate_in_towns(DAY) == {Decimal("14.50")}  # and now cached in each town
    assert console.post(NEW_RATE, rate_form(rate="14,25")).status_code == 302
    assert tax_rate_in_towns(DAY) == {Decimal("14.25")}
    assert tax_rate_in_towns(date(2024, 1, 9)) == {Decimal("14.50")}  # the day before


def test_a_correction_and_a_deletion_are_used_at_once(console):
    console.post(NEW_RATE, rate_form(rate="14,25"))
    row = InterestRate.objects.get(regime=Regime.TAX, valid_from=SPARE_DAY)
    assert tax_rate_in_towns(DAY) == {Decimal("14.25")}
    console.post(f"/konsola/odsetki/stawki/{row.pk}/", rate_form(rate="14,00"))
    assert tax_rate_in_towns(DAY) == {Decimal("14.00")}
    console.post(f"/konsola/odsetki/stawki/{row.pk}/usun/", {"reason": "pomyłka"})
    assert tax_rate_in_towns(DAY) == {Decimal("14.50")}


def test_a_threshold_added_through_the_api_is_used_at_once(api):
    day = date(2026, 1, 15)
    with schema_context("glogow"):
        assert rates_for(Regime.TAX).threshold_on(day) == Decimal("8.70")
    answer = api.post(
        "/api/operator/v1/odsetki/progi/",
        {"valid_from": "2026-01-01", "amount": "9.30", "announcement": "Cennik od 1.01.2026"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    with schema_context("glogow"):
        assert rates_for(Regime.TAX).threshold_on(day) == Decimal("9.30")


def test_another_worker_uses_a_change_within_a_second(towns, monkeypatch):
    """Each process keeps the table it read from the cache for a second: a change made
    in another process (which dropped the cached table, not this process's copy) is
    used here once that second is over."""
    clock = [1_000.0]
    monkeypatch.setattr(rates.time, "monotonic", lambda: clock[0])
    with schema_context("zembrzyce"):
        assert rates_for(Regime.TAX).rate_on(DAY) == Decimal("14.50")  # read and kept
        # Another process adds a rate: its save drops the cached table, not our copy.
        InterestRate.objects.bulk_create(
            [InterestRate(regime=Regime.TAX, valid_from=SPARE_DAY, rate=Decimal("14.25"))]
        )
        cache.delete(rates.CACHE_KEY)
        clock[0] += 0.5
        assert rates_for(Regime.TAX).rate_on(DAY) == Decimal("14.50")
        clock[0] += rates.FRESH_SECONDS
        assert rates_for(Regime.TAX).rate_on(DAY) == Decimal("14.25")
