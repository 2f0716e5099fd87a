"""xs:date and xs:dateTime as the Węzeł Krajowy writes them (eurzad.identity.wk.xsd)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from eurzad.identity.assertions import AssertionRejected, verify_assertion
from eurzad.identity.wk.xsd import XsdValueError, parse_date, parse_datetime
from tests.identity.test_assertions import EXPECTED, NOW, _assertion


@pytest.mark.parametrize(
    "text", ["1987-02-22", "1987-02-22Z", "1987-02-22+01:00", "1987-02-22-05:00", " 1987-02-22Z "]
)
def test_a_date_with_or_without_a_zone_names_the_same_day(text: str) -> None:
    assert parse_date(text) == date(1987, 2, 22)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2024-07-12T08:34:30Z", datetime(2024, 7, 12, 8, 34, 30, tzinfo=UTC)),
        ("2024-07-12T08:34:30.235Z", datetime(2024, 7, 12, 8, 34, 30, 235000, tzinfo=UTC)),
        ("2024-07-12T08:34:30.123456789Z", datetime(2024, 7, 12, 8, 34, 30, 123456, tzinfo=UTC)),
        ("2024-07-12T10:34:30+02:00", datetime(2024, 7, 12, 8, 34, 30, tzinfo=UTC)),
        ("2024-07-12T08:34:30", datetime(2024, 7, 12, 8, 34, 30, tzinfo=UTC)),
    ],
)
def test_a_datetime_becomes_an_aware_utc_moment(text: str, moment: datetime) -> None:
    assert parse_datetime(text) == moment


@pytest.mark.parametrize(
    "text", ["", "22.02.1987", "1987-02-30Z", "1987-02-22ZZ", "1987-2-22", "1987-02-22+15:00"]
)
def test_what_is_not_an_xs_date_is_refused(text: str) -> None:
    with pytest.raises(XsdValueError):
        parse_date(text)


@pytest.mark.parametrize("text", ["2024-07-12", "2024-07-12T25:00:00Z", "2024-07-12 08:34:30Z"])
def test_what_is_not_an_xs_datetime_is_refused(text: str) -> None:
    with pytest.raises(XsdValueError):
        parse_datetime(text)


def _with_birth_date(text: str):  # type: ignore[no-untyped-def]
    assertion = _assertion()
    for value in assertion.xpath("//*[local-name()='AttributeValue']"):
        if value.getparent().get("Name", "").endswith("DateOfBirth"):
            value.text = text
    return assertion


def test_the_nodes_date_of_birth_with_a_zone_is_read() -> None:
    identity = verify_assertion(_with_birth_date("1944-05-14Z"), EXPECTED, now=NOW)
    assert identity.date_of_birth == date(1944, 5, 14)


def test_an_invalid_date_of_birth_is_refused_in_words_not_with_an_exception_text() -> None:
    with pytest.raises(AssertionRejected) as refused:
        verify_assertion(_with_birth_date("1944-02-30Z"), EXPECTED, now=NOW)
    assert str(refused.value) == (
        "Asercja ma niepoprawną datę urodzenia (the assertion has an invalid date of birth)"
    )


def test_an_invalid_validity_time_is_refused_in_words() -> None:
    assertion = _assertion()
    assertion.find("{urn:oasis:names:tc:SAML:2.0:assertion}Conditions").set("NotOnOrAfter", "jutro")
    with pytest.raises(AssertionRejected, match="invalid time"):
        verify_assertion(assertion, EXPECTED, now=NOW)
