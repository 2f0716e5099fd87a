"""A register keeps an entry for its retention period after the entry's validity ended;
then a nightly task deletes it, in each town's own schema, and the audit log says so."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.audit.models import AuditEvent
from eurzad.celery import app
from eurzad.registers import tasks
from eurzad.registers.models import RegisterDefinition, RegisterEntry
from eurzad.registers.services import purge_expired_entries, years_before

TODAY = date(2026, 6, 15)


def _register(schema: str, retention_years: int = 5) -> RegisterDefinition:
    with schema_context(schema):
        return RegisterDefinition.objects.create(
            name="Rejestr testowy", slug="rejestr-retencja", retention_years=retention_years
        )


def _entry(schema: str, register: RegisterDefinition, number: str, **kwargs: object):  # type: ignore[no-untyped-def]
    with schema_context(schema):
        return RegisterEntry.objects.create(
            definition=register, number=number, source="test", external_id=number, **kwargs
        )


def _numbers(schema: str, register: RegisterDefinition) -> set[str]:
    with schema_context(schema):
        return set(register.entries.values_list("number", flat=True))


def test_entries_ended_longer_ago_than_the_retention_period_are_deleted(towns):
    register = _register("glogow", retention_years=5)
    _entry("glogow", register, "R/1", valid_until=date(2021, 6, 14))  # 5 years and a day
    _entry("glogow", register, "R/2", valid_until=date(2021, 6, 15))  # exactly 5 years
    _entry("glogow", register, "R/3", valid_until=date(2024, 1, 1))
    _entry("glogow", register, "R/4", valid_until=None, state=RegisterEntry.State.REVOKED)
    _entry("glogow", register, "R/5", valid_until=None)
    with schema_context("glogow"):
        assert purge_expired_entries(TODAY) == 1
    assert _numbers("glogow", register) == {"R/2", "R/3", "R/4", "R/5"}
    with schema_context("glogow"):
        assert purge_expired_entries(TODAY + timedelta(days=1)) == 1
        assert purge_expired_entries(TODAY + timedelta(days=1)) == 0  # nothing twice
    assert _numbers("glogow", register) == {"R/3", "R/4", "R/5"}


def test_each_register_keeps_its_own_number_of_years(towns):
    short = _register("glogow", retention_years=1)
    with schema_context("glogow"):
        long = RegisterDefinition.objects.create(
            name="Rejestr długi", slug="rejestr-dlugi", retention_years=20
        )
    _entry("glogow", short, "S/1", valid_until=date(2020, 1, 1))
    _entry("glogow", long, "L/1", valid_until=date(2020, 1, 1))
    with schema_context("glogow"):
        assert purge_expired_entries(TODAY) == 1
    assert _numbers("glogow", short) == set() and _numbers("glogow", long) == {"L/1"}


def test_the_purge_is_recorded_in_the_audit_log(towns):
    register = _register("glogow", retention_years=2)
    _entry("glogow", register, "A/2", valid_until=date(2019, 3, 1))
    _entry("glogow", register, "A/1", valid_until=date(2018, 3, 1))
    with schema_context("glogow"):
        purge_expired_entries(TODAY)
        event = AuditEvent.objects.get(action=AuditEvent.Action.REGISTER_ENTRIES_PURGED)
    assert event.details == {
        "register": "rejestr-retencja",
        "retention_years": 2,
        "ended_before": "2024-06-15",
        "count": 2,
        "numbers": ["A/1", "A/2"],
    }
    assert event.user is None and event.method == "retention"


def test_a_leap_day_counts_back_to_the_28th_of_february():
    assert years_before(date(2028, 2, 29), 1) == date(2027, 2, 28)


@pytest.mark.parametrize("town", ["zembrzyce", "glogow"])
def test_the_purge_task_for_one_town_never_touches_another_towns_entries(towns, town):
    other = "glogow" if town == "zembrzyce" else "zembrzyce"
    registers = {schema: _register(schema, retention_years=1) for schema in (town, other)}
    ended = timezone.localdate() - timedelta(days=800)  # the task reads today itself
    for schema, register in registers.items():
        _entry(schema, register, "OLD/1", valid_until=ended)
    with schema_context(town):
        result = tasks.purge_expired_entries.apply()
        assert result.successful(), result.traceback
        assert result.result >= 1
    assert _numbers(town, registers[town]) == set()
    assert _numbers(other, registers[other]) == {"OLD/1"}
    with schema_context(other):
        assert not AuditEvent.objects.filter(
            action=AuditEvent.Action.REGISTER_ENTRIES_PURGED
        ).exists()


def test_the_nightly_job_sends_one_purge_per_active_town(towns, monkeypatch):
    sent: list[str] = []

    def record_schema(**kwargs: object) -> None:
        sent.append(connection.schema_name)

    monkeypatch.setattr(tasks.purge_expired_entries, "apply_async", record_schema)
    assert tasks.purge_expired_entries_in_all_towns() == len(sent)
    assert {"zembrzyce", "glogow"} <= set(sent) and "public" not in sent
    schedule = app.conf.beat_schedule["purge-expired-register-entries"]
    assert schedule["task"] == tasks.purge_expired_entries_in_all_towns.name
