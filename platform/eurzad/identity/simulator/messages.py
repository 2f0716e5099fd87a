"""Assertions and responses as the Węzeł Krajowy issues them (built by the simulator)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lxml import etree

from eurzad.core.simulated_people import SimulatedPerson
from eurzad.identity.assertions import BEARER
from eurzad.identity.protocol import NATURAL_PERSON, SAML, URI_FORMAT, instant, new_message_id


def _q(tag: str) -> str:
    return f"{{{SAML}}}{tag}"


def build_assertion(
    person: SimulatedPerson,
    *,
    issuer: str,
    audience: str,
    recipient: str,
    in_response_to: str,
    loa: str = "http://eidas.europa.eu/LoA/substantial",
    now: datetime | None = None,
    lifetime: timedelta = timedelta(minutes=5),
    name_id: str = "",
    session_index: str = "",
) -> etree._Element:
    moment = now or datetime.now(UTC)
    end = instant(moment + lifetime)
    assertion = etree.Element(
        _q("Assertion"),
        nsmap={"saml2": SAML},
        ID=new_message_id(),
        IssueInstant=instant(moment),
        Version="2.0",
    )
    etree.SubElement(assertion, _q("Issuer")).text = issuer
    subject = etree.SubElement(assertion, _q("Subject"))
    etree.SubElement(subject, _q("NameID")).text = name_id or new_message_id()
    confirmation = etree.SubElement(subject, _q("SubjectConfirmation"), Method=BEARER)
    etree.SubElement(
        confirmation,
        _q("SubjectConfirmationData"),
        InResponseTo=in_response_to,
        NotOnOrAfter=end,
        Recipient=recipient,
    )
    conditions = etree.SubElement(
        assertion, _q("Conditions"), NotBefore=instant(moment), NotOnOrAfter=end
    )
    restriction = etree.SubElement(conditions, _q("AudienceRestriction"))
    etree.SubElement(restriction, _q("Audience")).text = audience
    statement = etree.SubElement(
        assertion,
        _q("AuthnStatement"),
        AuthnInstant=instant(moment),
        SessionIndex=session_index or new_message_id(),
    )
    context = etree.SubElement(statement, _q("AuthnContext"))
    etree.SubElement(context, _q("AuthnContextClassRef")).text = loa
    attributes = etree.SubElement(assertion, _q("AttributeStatement"))
    for name, value in (
        ("CurrentGivenName", person.first_name),
        ("CurrentFamilyName", person.last_name),
        # xs:date with a time zone, as the node writes it (e.g. 1987-02-22Z).
        ("DateOfBirth", person.date_of_birth.isoformat() + "Z"),
        ("PersonIdentifier", person.pesel),
    ):
        attribute = etree.SubElement(
            attributes, _q("Attribute"), Name=NATURAL_PERSON + name, NameFormat=URI_FORMAT
        )
        etree.SubElement(attribute, _q("AttributeValue")).text = value
    return assertion
