"""Checks of a decrypted assertion: each wrong detail refuses the login, clearly."""

from datetime import UTC, date, datetime, timedelta

import pytest

from eurzad.core.simulated_people import SimulatedPerson
from eurzad.identity.assertions import AssertionRejected, Expectations, verify_assertion
from eurzad.identity.replay import first_use
from eurzad.identity.simulator.messages import build_assertion

PERSON = SimulatedPerson("44051401359", "Anna", "Nowak", date(1944, 5, 14))
EXPECTED = Expectations(
    issuer="https://wk.localhost/idp",
    audience="https://zembrzyce.localhost/logowanie/sp",
    recipient="https://zembrzyce.localhost/logowanie/acs/",
    in_response_to="ID-abc",
    minimum_loa="http://eidas.europa.eu/LoA/substantial",
)
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _assertion(**overrides):
    fields = dict(
        issuer=EXPECTED.issuer,
        audience=EXPECTED.audience,
        recipient=EXPECTED.recipient,
        in_response_to=EXPECTED.in_response_to,
        now=NOW,
    )
    fields.update(overrides)
    return build_assertion(PERSON, **fields)


def test_valid_assertion_gives_the_persons_identity():
    identity = verify_assertion(_assertion(), EXPECTED, now=NOW + timedelta(seconds=5))
    assert (identity.pesel, identity.first_name, identity.last_name) == (
        "44051401359", "Anna", "Nowak",
    )  # fmt: skip
    assert identity.date_of_birth == date(1944, 5, 14)


def test_the_identity_names_its_assertion_and_when_the_node_authenticated_the_person():
    """What a submission made in the session records (eurzad.identity.authentication)."""
    assertion = _assertion()
    identity = verify_assertion(assertion, EXPECTED, now=NOW + timedelta(seconds=5))
    [statement] = assertion.xpath("//*[local-name()='AuthnStatement']")
    assert identity.assertion_id == assertion.get("ID") and identity.assertion_id
    assert identity.authenticated_at == statement.get("AuthnInstant") and identity.authenticated_at


def test_eidas_form_of_the_identifier_is_accepted():
    assertion = _assertion()
    value = assertion.xpath("//*[local-name()='AttributeValue']")[-1]
    value.text = "PL/PL/44051401359"
    assert verify_assertion(assertion, EXPECTED, now=NOW).pesel == "44051401359"


@pytest.mark.parametrize(
    ("overrides", "moment", "english"),
    [
        ({"audience": "https://glogow.localhost/logowanie/sp"}, NOW, "another audience"),
        ({"in_response_to": "ID-other"}, NOW, "InResponseTo does not match"),
        ({"issuer": "https://evil.example/idp"}, NOW, "unknown issuer"),
        ({"recipient": "https://evil.example/acs"}, NOW, "wrong recipient"),
        ({}, NOW + timedelta(minutes=10), "assertion expired"),
        ({}, NOW - timedelta(minutes=10), "not yet valid"),
        ({"loa": "http://eidas.europa.eu/LoA/low"}, NOW, "level of assurance too low"),
    ],
    ids=["audience", "in-response-to", "issuer", "recipient", "expired", "future", "loa"],
)
def test_wrong_details_are_refused_with_a_bilingual_message(overrides, moment, english):
    with pytest.raises(AssertionRejected) as error:
        verify_assertion(_assertion(**overrides), EXPECTED, now=moment)
    assert english in str(error.value)
    assert "44051401359" not in str(error.value)


def test_invalid_pesel_is_refused():
    assertion = _assertion()
    assertion.xpath("//*[local-name()='AttributeValue']")[-1].text = "44051401358"
    with pytest.raises(AssertionRejected, match="no valid PESEL"):
        verify_assertion(assertion, EXPECTED, now=NOW)


def test_artifact_is_accepted_once_per_town(towns):
    from django_tenants.utils import schema_context

    with schema_context("zembrzyce"):
        assert first_use("artifact", "AAQAAEJ1")
        assert not first_use("artifact", "AAQAAEJ1")
    with schema_context("glogow"):
        assert first_use("artifact", "AAQAAEJ1")
