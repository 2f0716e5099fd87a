"""Installment schedules: the statutory dates, the 100 zł one-off rule, monthly terms of
legal persons, the town's own waste-fee rule, and terms moved off weekends and holidays."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from eurzad.finance.holidays import easter_sunday, is_working_day, next_working_day
from eurzad.finance.models import ScheduleRule
from eurzad.finance.schedules import (
    due_dates,
    expected_schedule,
    schedule_mismatches,
    split_amount,
)
from tests.finance.import_factories import kind, natural_party, obligation

TAX = ["03-15", "05-15", "09-15", "11-15"]


def _natural_rule(**fields: object) -> ScheduleRule:
    values = {"frequency": "dates", "due_dates": TAX, "one_off_threshold": Decimal("100.00")}
    values.update(fields)
    return ScheduleRule(party_kind="natural", **values)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
     (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25))],
)  # fmt: skip
def test_easter_is_computed_for_any_year(year, easter):
    assert easter_sunday(year) == easter


def test_polish_public_holidays_including_the_movable_ones_are_days_off():
    for day in [
        date(2026, 1, 1), date(2026, 1, 6), date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1), date(2026, 5, 3), date(2026, 5, 24),  # Pentecost
        date(2026, 6, 4),  # Corpus Christi
        date(2026, 8, 15), date(2026, 11, 1), date(2026, 11, 11),
        date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26),
    ]:  # fmt: skip
        assert not is_working_day(day), day
    assert is_working_day(date(2024, 12, 24))  # Christmas Eve is a holiday only from 2025
    assert is_working_day(date(2026, 6, 5))


def test_natural_persons_pay_four_installments_moved_off_weekends():
    # 2026: 15 March and 15 November are Sundays; they move to Monday.
    assert due_dates(_natural_rule(), 2026, Decimal("500.00")) == [
        date(2026, 3, 16), date(2026, 5, 15), date(2026, 9, 15), date(2026, 11, 16),
    ]  # fmt: skip
    # 2025: 15 March is a Saturday, 15 November too.
    assert due_dates(_natural_rule(), 2025, Decimal("500.00"))[0] == date(2025, 3, 17)
    assert due_dates(_natural_rule(), 2025, Decimal("500.00"))[3] == date(2025, 11, 17)


def test_a_term_on_a_holiday_before_a_weekend_moves_past_both():
    # 1 May 2026 is a Friday holiday: the term ends on Monday, 4 May.
    assert next_working_day(date(2026, 5, 1)) == date(2026, 5, 4)
    # Christmas 2027: 24–26 December are Friday to Sunday.
    assert next_working_day(date(2027, 12, 24)) == date(2027, 12, 27)


@pytest.mark.parametrize(
    ("amount", "count"),
    [("99.00", 1), ("100.00", 1), ("100.01", 4), ("101.00", 4), ("5000.00", 4)],
)
def test_a_yearly_amount_up_to_100_zl_is_due_at_once_by_the_first_term(amount, count):
    dates = due_dates(_natural_rule(), 2027, Decimal(amount))
    assert len(dates) == count
    assert dates[0] == date(2027, 3, 15)  # a Monday


def test_installments_are_split_in_grosze_with_the_remainder_on_the_first():
    assert split_amount(Decimal("100.01"), 4) == [Decimal("25.01")] + [Decimal("25.00")] * 3
    assert split_amount(Decimal("1001.00"), 4) == [Decimal("250.25")] * 4
    parts = split_amount(Decimal("1000.00"), 12)
    assert parts[0] == Decimal("83.37") and set(parts[1:]) == {Decimal("83.33")}
    assert sum(parts) == Decimal("1000.00")


def test_legal_persons_pay_monthly_by_the_15th_and_january_by_the_31st():
    rule = ScheduleRule(party_kind="legal", frequency="monthly", monthly_day=15, january_day=31)
    dates = due_dates(rule, 2027, Decimal("12000.00"))
    assert len(dates) == 12
    assert dates[0] == date(2027, 2, 1)  # 31 January 2027 is a Sunday
    assert dates[1] == date(2027, 2, 15)
    assert dates[7] == date(2027, 8, 16)  # 15 August: a Sunday and a holiday
    assert all(is_working_day(day) for day in dates)


def test_expected_schedule_follows_the_towns_rules(towns):
    with schema_context("zembrzyce"):
        schedule = expected_schedule(kind(), "natural", 2027, Decimal("401.00"))
        assert schedule == [
            (date(2027, 3, 15), Decimal("100.25")),
            (date(2027, 5, 17), Decimal("100.25")),  # 15 May 2027 is a Saturday
            (date(2027, 9, 15), Decimal("100.25")),
            (date(2027, 11, 15), Decimal("100.25")),
        ]
        assert expected_schedule(kind(), "natural", 2027, Decimal("80.00")) == [
            (date(2027, 3, 15), Decimal("80.00"))
        ]
        monthly = expected_schedule(kind(), "legal", 2027, Decimal("1200.00"))
        assert len(monthly) == 12 and monthly[0] == (date(2027, 2, 1), Decimal("100.00"))


def test_the_waste_fee_follows_each_towns_own_council_resolution(towns):
    with schema_context("glogow"):
        rule = ScheduleRule.objects.get(kind__code="oplata-odpady", party_kind="natural")
        rule.due_dates = ["01-31", "04-30", "07-31", "10-31"]
        rule.save()
        glogow = expected_schedule(kind("oplata-odpady"), "natural", 2027, Decimal("400.00"))
    with schema_context("zembrzyce"):
        zembrzyce = expected_schedule(kind("oplata-odpady"), "natural", 2027, Decimal("400.00"))
    assert [day for day, _amount in glogow] == [
        date(2027, 2, 1), date(2027, 4, 30), date(2027, 8, 2), date(2027, 11, 2),
    ]  # fmt: skip
    assert zembrzyce[0][0] == date(2027, 3, 15)


def test_mismatches_are_reported_but_nominal_dates_on_a_sunday_are_accepted(towns):
    with schema_context("zembrzyce"):
        party = natural_party()
        # 15.03.2026 is a Sunday: the decision may state it; the term ends on the 16th.
        ok = obligation(party, external_id="SCH-OK", installments=[
            (date(2026, 3, 15), "100.00"), (date(2026, 5, 15), "100.00"),
            (date(2026, 9, 15), "100.00"), (date(2026, 11, 16), "100.00"),
        ])  # fmt: skip
        assert schedule_mismatches(ok) == []
        wrong = obligation(party, external_id="SCH-BAD", installments=[
            (date(2026, 3, 31), "100.00"), (date(2026, 5, 15), "100.00"),
            (date(2026, 9, 15), "100.00"),
        ])  # fmt: skip
        messages = [m.message for m in schedule_mismatches(wrong)]
        assert any("Liczba rat" in m for m in messages)
        assert any("Termin raty 1" in m and "2026-03-16" in m for m in messages)


def _clerk(schema: str, groups: list[str]):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from tests.conftest import host_client

    client = host_client(f"{schema}.localhost")
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"finanse-{schema}", password="x")
        user.groups.add(*Group.objects.filter(name__in=groups))
        client.force_login(user)
    return client


def test_a_finance_clerk_edits_kinds_and_schedules_of_their_own_town_only(towns):
    from eurzad.finance.defaults import FINANCE_GROUP
    from eurzad.finance.models import ObligationKind

    with schema_context("zembrzyce"):
        secret = ObligationKind.objects.create(code="oplata-targowa", name="Opłata targowa ZEM")
    with schema_context("glogow"):
        own = ObligationKind.objects.create(code="oplata-parkingowa", name="Parkowanie GŁO")
    clerk = _clerk("glogow", [FINANCE_GROUP])
    listing = clerk.get("/admin/finance_kinds/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Parkowanie GŁO" in page and "Opłata targowa ZEM" not in page
    other = clerk.get(f"/admin/finance_kinds/edit/{secret.pk}/")
    assert other.status_code == 404 or "Opłata targowa ZEM" not in other.content.decode()
    assert clerk.get("/admin/finance_schedules/").status_code == 200
    answer = clerk.post(
        f"/admin/finance_kinds/edit/{own.pk}/",
        {"code": "oplata-parkingowa", "name": "Parkowanie", "is_tax": "", "active": "on",
         "order": "9"},
    )  # fmt: skip
    assert answer.status_code == 302
    with schema_context("zembrzyce"):
        assert ObligationKind.objects.get(pk=secret.pk).name == "Opłata targowa ZEM"


def test_a_schedule_with_a_malformed_date_is_refused_in_the_admin(towns):
    from eurzad.finance.defaults import FINANCE_GROUP

    clerk = _clerk("zembrzyce", [FINANCE_GROUP])
    with schema_context("zembrzyce"):
        rule = ScheduleRule.objects.get(kind__code="oplata-odpady", party_kind="natural")
    answer = clerk.post(
        f"/admin/finance_schedules/edit/{rule.pk}/",
        {"kind": rule.kind_id, "party_kind": "natural", "frequency": "dates",
         "due_dates": '["03-15", "15.05"]', "monthly_day": "15", "january_day": "31",
         "one_off_threshold": ""},
    )  # fmt: skip
    assert answer.status_code == 200
    assert "nie ma postaci MM-DD." in answer.content.decode()


def test_staff_without_the_finance_group_cannot_open_the_finance_admin(towns):
    clerk = _clerk("zembrzyce", ["Editors"])
    assert clerk.get("/admin/finance_kinds/").status_code in {302, 403}
