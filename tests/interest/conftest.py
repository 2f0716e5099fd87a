"""An operator in the console and the operator API, and the table as shipped."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from eurzad.finance.interest.models import InterestRate, InterestThreshold, Regime
from tenants.console.models import Operator
from tests.console.conftest import api_client, console_client, make_operator

#: Days with no shipped row of either table (the tests add rows there).
SPARE_DAY = date(2024, 1, 10)  # between the shipped changes of 5.10.2023 and 8.05.2025
SPARE_THRESHOLD_DAY = date(2020, 7, 1)

PAGE = "/konsola/odsetki/"
NEW_RATE = "/konsola/odsetki/stawki/nowa/"
NEW_THRESHOLD = "/konsola/odsetki/progi/nowy/"
SOURCE = "Obwieszczenie Ministra Finansów z dnia 12 stycznia 2024 r. (M.P. 2024 poz. 42)"


def rate_form(**changes: str) -> dict[str, str]:
    form = {
        "regime": "tax",
        "valid_from": SPARE_DAY.isoformat(),
        "rate": "14,25",
        "announcement": SOURCE,
        "source_url": "https://monitorpolski.gov.pl/MP/2024/42",
    }
    return {**form, **changes}


def threshold_form(**changes: str) -> dict[str, str]:
    form = {
        "valid_from": SPARE_THRESHOLD_DAY.isoformat(),
        "amount": "7,50",
        "announcement": "Cennik Poczty Polskiej od 1 lipca 2020 r.: 3 × 2,50 zł",
        "source_url": "",
    }
    return {**form, **changes}


@pytest.fixture
def operator(towns) -> Operator:
    return make_operator()


@pytest.fixture
def console(operator: Operator) -> Client:
    return console_client(operator)


@pytest.fixture
def api(operator: Operator) -> Client:
    return api_client(operator)


def rate_on(regime: str, day: date) -> InterestRate:
    """The row in force on ``day`` (read straight from the table)."""
    return InterestRate.objects.filter(regime=regime, valid_from__lte=day).latest("valid_from")


def shipped_tax_rate() -> InterestRate:
    return InterestRate.objects.filter(regime=Regime.TAX).earliest("valid_from")


def shipped_threshold() -> InterestThreshold:
    return InterestThreshold.objects.latest("valid_from")
