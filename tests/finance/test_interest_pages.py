"""What a resident sees of the interest on an overdue installment: on the obligation
(interest to today with the days and rates it comes from, "do zapłaty na dziś", the
same amount in the transfer details and QR), the totals of all obligations, the "if I
pay on…" calculator, the rate table with its sources, and the overdue reminder.

Expected amounts are worked out here from the formula (principal × rate × days / 365,
rounded to full złoty, nothing up to 8,70 zł), not by the code under test: installments
due Monday 16.03.2026, under the 10,5 % in force from 5.03.2026 (the last rate the
platform ships)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.finance.money import format_pln
from eurzad.finance.reminders import OVERDUE, Due, remind
from eurzad.notifications.models import Notification
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.finance import factories as f

DUE = date(2026, 3, 16)  # a Monday
RATE = Decimal("10.5")


def expected_interest(principal: str, on: date) -> Decimal:
    days = (on - DUE).days  # 17.03 .. ``on`` inclusive
    exact = Decimal(principal) * RATE * days / Decimal(36500)
    if exact.quantize(Decimal("0.01")) <= Decimal("8.70"):
        return Decimal("0.00")
    return exact.quantize(Decimal(1), rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))


def overdue_long_enough() -> date:
    """Today, when the March installment is overdue long enough for interest above the
    threshold (from mid-July 2026 on)."""
    day = timezone.localdate()
    if day < DUE + timedelta(days=120):
        pytest.skip("the examples need the March installment four months overdue")
    return day


@pytest.fixture
def today() -> date:
    return overdue_long_enough()


@pytest.fixture
def owner(towns):
    return f.resident("zembrzyce", f.party("zembrzyce", city="Zembrzyce"))


@pytest.fixture
def tax(owner):
    return f.obligation(
        "zembrzyce", owner.party, year=2026,
        installments=[(DUE, "1930.00"), (date(2099, 11, 16), "1930.00")],
    )  # fmt: skip


@pytest.fixture
def client(owner):
    return f.logged_in("zembrzyce", ZEMBRZYCE_HOST, owner)


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_obligation_shows_interest_to_today_with_its_days_and_rate(client, tax, today):
    interest = expected_interest("1930.00", today)
    assert interest > 0
    html = _page(client, f"/konto/zobowiazania/{tax.pk}/")
    assert "Odsetki na dziś" in html and format_pln(interest) in html
    assert "Do zapłaty na dziś" in html
    assert format_pln(Decimal("1930.00") + interest) in html  # the first installment
    assert format_pln(Decimal("3860.00") + interest) in html  # the obligation
    days = (today - DUE).days
    assert 'od <time datetime="2026-03-17">17.03.2026</time> do ' in html
    assert f"{days} dni × 10,5% rocznie od {format_pln(Decimal('1930.00'))}" in html
    assert "zaokrąglone do pełnych złotych" in html
    assert "odsetki za zwłokę (Ordynacja podatkowa)" in html
    # The transfer details and the QR code ask for the same amount.
    assert "Kwota z odsetkami na dziś" in html
    total = format_pln(Decimal("3860.00") + interest)
    assert f"kwota {total}" in html  # the QR code's description


def test_all_obligations_add_up_the_interest(client, tax, today):
    interest = expected_interest("1930.00", today)
    html = _page(client, "/konto/zobowiazania/")
    assert "Odsetki na dziś" in html and format_pln(interest) in html
    assert (
        f"Zaległość: {format_pln(Decimal('1930.00'))} i odsetki na dziś: {format_pln(interest)}"
        in html
    )


def test_the_calculator_tells_what_paying_on_a_later_day_takes(client, tax, today):
    later = today + timedelta(days=20)
    html = _page(client, f"/konto/zobowiazania/{tax.pk}/?na_dzien={later.isoformat()}")
    interest = expected_interest("1930.00", later)
    assert f"Do zapłaty przy wpłacie {later:%d.%m.%Y}" in html
    assert format_pln(Decimal("1930.00") + interest) in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("jutro", "Podaj datę w postaci RRRR-MM-DD"),
        ("2020-01-01", "Podaj dzisiejszą lub przyszłą datę wpłaty."),
        ("2999-01-01", "Kalkulator liczy odsetki najdalej rok naprzód."),
    ],
)
def test_a_bad_calculator_date_is_refused_in_polish_and_the_page_still_shows(
    client, tax, today, value, message
):
    response = client.get(f"/konto/zobowiazania/{tax.pk}/?na_dzien={value}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Odsetki na dziś" in html


def test_an_obligation_of_another_town_is_not_there_for_the_calculator(tax, towns):
    other = f.resident("glogow", f.party("glogow"))
    client = f.logged_in("glogow", GLOGOW_HOST, other)
    later = timezone.localdate() + timedelta(days=3)
    assert client.get(f"/konto/zobowiazania/{tax.pk}/?na_dzien={later}").status_code == 404


def test_the_rates_and_their_sources_are_listed(client):
    html = _page(client, "/konto/zobowiazania/stawki-odsetek/")
    assert "Odsetki za zwłokę od zaległości podatkowych" in html
    assert "Odsetki ustawowe za opóźnienie" in html
    assert "M.P. 2022 poz. 468" in html and "13,5%" in html
    assert "nie przekraczają 8,70" in html


def test_a_civil_law_receivable_is_charged_statutory_interest_to_the_grosz(owner, client, today):
    rent = f.obligation(
        "zembrzyce", owner.party, kind="dzierzawa", year=2026,
        installments=[(date(2026, 3, 31), "1000.00")],
    )  # fmt: skip
    # 9,25 % from 5.03.2026 (the last rate shipped); from 1.04 to today, to the grosz.
    exact = Decimal("1000.00") * Decimal("9.25") * (today - date(2026, 3, 31)).days / 36500
    html = _page(client, f"/konto/zobowiazania/{rent.pk}/")
    assert "odsetki ustawowe za opóźnienie (Kodeks cywilny)" in html
    assert format_pln(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) in html


def test_the_overdue_reminder_names_the_interest_and_the_total(owner, tax, today):
    with schema_context("zembrzyce"):
        first = tax.installments.select_related("obligation__kind", "obligation__party").get(
            number=1
        )
        remind([Due(first, OVERDUE, DUE)], today)
        notice = Notification.objects.filter(recipient=owner.user).latest("pk")
    interest = expected_interest("1930.00", today)
    assert f"Odsetki na dziś: {format_pln(interest)}" in notice.body
    assert f"razem do zapłaty na dziś: {format_pln(Decimal('1930.00') + interest)}" in notice.body
