"""What a paired phone reads: the resident's own Party and the Parties they represent,
nothing else; money as strings, identifiers masked, queries bounded."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.identity.models import Representation
from eurzad.notifications.models import Notification
from eurzad.notifications.services import notify
from tests.api.mobile.helpers import API, api_client, paired_token, resident_with_pin
from tests.cases.factories import case, document
from tests.conftest import ZEMBRZYCE_HOST
from tests.finance.factories import installments_of, mandate, obligation, party, pay

SCHEMA = "zembrzyce"
YEAR = timezone.localdate().year


@pytest.fixture
def ewa(towns):  # type: ignore[no-untyped-def]
    return resident_with_pin(SCHEMA)


@pytest.fixture
def phone(ewa):  # type: ignore[no-untyped-def]
    return api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, ewa))


def _tax(owner, installments=2, year=YEAR):  # type: ignore[no-untyped-def]
    last_year = date(year - 1, 12, 1)
    return obligation(
        SCHEMA,
        owner,
        year=year,
        installments=[(last_year + timedelta(days=i), "100.50") for i in range(installments)],
        components=[("Budynek mieszkalny 120 m²", "120", "m²", "1.15", "138.00")],
        document_number=f"FN.3120.{owner.pk}",
    )


def test_me_lists_own_and_represented_parties_with_masked_identifiers(ewa, phone):
    firm = party(SCHEMA, kind="legal", name="Piekarnia Ewy", nip="5260250274")
    mandate(SCHEMA, ewa, firm, scope="view")
    body = phone.get(f"{API}/me/").json()
    assert body["name"] == ewa.party.display_name
    scopes = {item["id"]: item["scope"] for item in body["parties"]}
    assert scopes == {ewa.party.pk: "own", firm.pk: "view"}
    identifiers = {item["id"]: item["identifier"] for item in body["parties"]}
    assert identifiers[ewa.party.pk] == "PESEL *******" + ewa.party.pesel[-4:]
    assert identifiers[firm.pk] == "NIP *******274"
    assert ewa.party.pesel not in str(body) and "5260250274" not in str(body)


def test_obligations_have_totals_as_two_decimal_strings(ewa, phone):
    _tax(ewa.party)
    answer = phone.get(f"{API}/obligations/")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["party"] == ewa.party.pk and body["years"] == [YEAR]
    totals = body["totals"]
    interest = totals.pop("interest")  # overdue since last December: grows day by day
    assert totals == {
        "due": "201.00", "paid": "0.00", "remaining": "201.00", "arrears": "201.00",
        "to_pay": str(Decimal("201.00") + Decimal(interest)), "overpayment": "0.00",
    }  # fmt: skip
    assert Decimal(interest) >= 0 and interest == f"{Decimal(interest):.2f}"
    [year] = body["shown"]
    [item] = year["obligations"]
    assert item["amount"] == "201.00" and item["totals"]["remaining"] == "201.00"


def test_obligations_of_one_year_and_a_bad_year(ewa, phone):
    _tax(ewa.party, year=YEAR)
    _tax(ewa.party, year=YEAR - 1)
    body = phone.get(f"{API}/obligations/?rok={YEAR - 1}").json()
    assert body["years"] == [YEAR, YEAR - 1]
    assert [group["year"] for group in body["shown"]] == [YEAR - 1]
    bad = phone.get(f"{API}/obligations/?rok=dwa")
    assert bad.status_code == 400 and "rok" in bad.json()["errors"]


def test_obligation_detail_has_components_installments_account_and_title(ewa, phone):
    tax = _tax(ewa.party)
    first = installments_of(SCHEMA, tax)[0]
    pay(SCHEMA, ewa.party, "40.00", installments=[first])
    answer = phone.get(f"{API}/obligations/{tax.pk}/")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["components"][0]["amount"] == "138.00"
    one, two = body["installments"]
    # 40 zł toward an installment overdue since last December: split between it and
    # the interest on it (Ordynacja podatkowa art. 55 § 2).
    assert (one["state"], one["overdue"]) == ("partial", True)
    assert Decimal(one["paid"]) + Decimal(one["interest_paid"]) == Decimal("40.00")
    assert Decimal(one["remaining"]) == Decimal("100.50") - Decimal(one["paid"])
    assert two["state"] == "open" and two["due_date"] == str(first.due_date + timedelta(days=1))
    assert body["transfer"]["account"] == tax.bank_account and len(tax.bank_account) == 26
    assert body["transfer"]["title"].endswith(str(YEAR))
    # What remains with the interest on it today, in the transfer too.
    remaining = Decimal(one["remaining"]) + Decimal(two["remaining"])
    interest = Decimal(body["totals"]["interest"])
    assert body["totals"]["to_pay"] == str(remaining + interest)
    assert body["transfer"]["amount"] == body["totals"]["to_pay"]
    assert Decimal(one["to_pay_today"]) + Decimal(two["to_pay_today"]) == remaining + interest
    assert body["totals"]["paid"] == one["paid"]
    assert body["payments"][0]["settled"] == "40.00" and body["payments"][0]["own"] is True
    assert body["can_pay_online"] is True and body["payment_refusal"] == ""


def test_someone_elses_obligation_payment_and_case_are_not_found(ewa, phone):
    stranger = party(SCHEMA, first_name="Obcy", last_name="Człowiek")
    tax = _tax(stranger)
    payment = pay(SCHEMA, stranger, "10.00")
    their_case = case(SCHEMA, stranger)
    for path in (
        f"obligations/{tax.pk}/",
        f"payments/{payment.pk}/",
        f"cases/{their_case.pk}/",
    ):
        answer = phone.get(f"{API}/{path}")
        assert answer.status_code == 404, path
        assert answer["Content-Type"] == "application/problem+json"
    assert phone.get(f"{API}/obligations/").json()["shown"] == []
    assert phone.get(f"{API}/payments/").json()["results"] == []
    assert phone.get(f"{API}/cases/").json()["results"] == []


def test_represented_partys_data_through_strona_id(ewa, phone):
    firm = party(SCHEMA, kind="legal", name="Firma Ewy", nip="1234563218")
    mandate(SCHEMA, ewa, firm, scope="view")
    tax = _tax(firm)
    firm_case = case(SCHEMA, firm)
    own = phone.get(f"{API}/obligations/").json()
    assert own["shown"] == []
    theirs = phone.get(f"{API}/obligations/?strona_id={firm.pk}").json()
    assert theirs["party"] == firm.pk
    assert [o["id"] for o in theirs["shown"][0]["obligations"]] == [tax.pk]
    detail = phone.get(f"{API}/obligations/{tax.pk}/?strona_id={firm.pk}")
    assert detail.status_code == 200
    assert detail.json()["can_pay_online"] is False  # view scope: look, not pay
    assert "nie płacić" in detail.json()["payment_refusal"]
    assert phone.get(f"{API}/obligations/{tax.pk}/").status_code == 404  # not her own
    cases = phone.get(f"{API}/cases/?strona_id={firm.pk}").json()["results"]
    assert [c["id"] for c in cases] == [firm_case.pk]


def test_strona_id_of_a_party_not_represented_is_refused(ewa, phone):
    stranger = party(SCHEMA, first_name="Obcy", last_name="Człowiek")
    for path in ("obligations/", "payments/", "cases/"):
        answer = phone.get(f"{API}/{path}?strona_id={stranger.pk}")
        assert answer.status_code == 403, path
        assert answer.json()["type"].endswith("/not-represented")
    unknown = phone.get(f"{API}/obligations/?strona_id=987654321")
    assert unknown.status_code == 404
    assert phone.get(f"{API}/obligations/?strona_id=abc").status_code == 400


def test_expired_or_revoked_mandate_stops_at_once(ewa, phone):
    firm = party(SCHEMA, kind="legal", name="Firma Ewy", nip="1234563218")
    given = mandate(SCHEMA, ewa, firm, scope="pay")
    assert phone.get(f"{API}/obligations/?strona_id={firm.pk}").status_code == 200
    with schema_context(SCHEMA):
        Representation.objects.filter(pk=given.pk).update(
            valid_until=timezone.localdate() - timedelta(days=1)
        )
    expired = phone.get(f"{API}/obligations/?strona_id={firm.pk}")
    assert expired.status_code == 403 and "wygasło" in expired.json()["detail"]
    assert [p["id"] for p in phone.get(f"{API}/me/").json()["parties"]] == [ewa.party.pk]


def test_payments_list_and_detail(ewa, phone):
    tax = _tax(ewa.party)
    first = installments_of(SCHEMA, tax)[0]
    payment = pay(SCHEMA, ewa.party, "150.00", installments=[first], title="Przelew")
    listing = phone.get(f"{API}/payments/")
    assert listing.status_code == 200
    body = listing.json()
    assert body["count"] == 1
    [item] = body["results"]
    allocation = item["allocations"][0]
    assert allocation["installment"] == first.pk and allocation["amount"] == "100.50"
    # Overdue since last December: the payment settled the interest on it too.
    interest = Decimal(allocation["interest"])
    assert item["amount"] == "150.00"
    assert item["overpayment"] == str(Decimal("150.00") - Decimal("100.50") - interest)
    detail = phone.get(f"{API}/payments/{payment.pk}/").json()
    assert detail["id"] == payment.pk and detail["channel"] == "transfer"


def test_cases_list_and_detail_with_history_and_documents(ewa, phone):
    own_case = case(SCHEMA, ewa.party, status="wezwanie", resident_action="Doślij mapę.")
    letter = document(SCHEMA, own_case)
    listing = phone.get(f"{API}/cases/").json()
    [item] = listing["results"]
    assert item["sign"] == own_case.sign and item["expected_of_resident"] == "Doślij mapę."
    detail = phone.get(f"{API}/cases/{own_case.pk}/").json()
    assert detail["documents"] == [
        {
            "id": letter.pk, "title": letter.title, "dated": str(letter.dated),
            "direction": "out", "channel": "edoreczenia", "delivery": "pending",
            "delivery_display": "w doręczeniu", "has_attachment": True,
            "delivery_to_you": None,
        }
    ]  # fmt: skip
    assert isinstance(detail["history"], list)


def test_co_party_sees_the_case_too(ewa, phone):
    other = party(SCHEMA, first_name="Jan", last_name="Współstrona")
    shared = case(SCHEMA, other, co_parties=(ewa.party,))
    assert phone.get(f"{API}/cases/{shared.pk}/").status_code == 200


def test_notifications_inbox_read_state_and_unread_count(ewa, phone):
    with schema_context(SCHEMA):
        first = notify(ewa.user, reason="test", subject="Pierwsze", body="Treść 1")
        notify(ewa.user, reason="test", subject="Drugie", body="Treść 2")
        other = resident_with_pin(SCHEMA)
        notify(other.user, reason="test", subject="Cudze", body="Nie dla Ewy")
    inbox = phone.get(f"{API}/notifications/").json()
    assert [n["subject"] for n in inbox["results"]] == ["Drugie", "Pierwsze"]
    assert all(n["read"] is False for n in inbox["results"])
    assert phone.get(f"{API}/notifications/unread-count/").json() == {"unread": 2}
    marked = phone.post(
        f"{API}/notifications/read/", {"ids": [first.pk]}, content_type="application/json"
    )
    assert marked.json() == {"marked": 1, "unread": 1}
    everything = phone.post(f"{API}/notifications/read/", {}, content_type="application/json")
    assert everything.json() == {"marked": 1, "unread": 0}
    with schema_context(SCHEMA):
        assert Notification.objects.filter(recipient=other.user, read_at=None).count() == 1
    bad = phone.post(f"{API}/notifications/read/", {"ids": ["x"]}, content_type="application/json")
    assert bad.status_code == 400 and "ids" in bad.json()["errors"]


def _queries(client, path: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(path)
    assert answer.status_code == 200, answer.content
    return len(captured.captured_queries)


def test_obligations_list_and_detail_take_the_same_queries_for_2_or_20(towns):
    small, big = resident_with_pin(SCHEMA), resident_with_pin(SCHEMA)
    small_phone = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, small))
    big_phone = api_client(ZEMBRZYCE_HOST, paired_token(SCHEMA, big))
    for _n in range(2):
        small_tax = _tax(small.party, installments=2)
    for _n in range(20):
        big_tax = _tax(big.party, installments=20)
    for owner, tax in ((small, small_tax), (big, big_tax)):
        for installment in installments_of(SCHEMA, tax)[:2]:
            pay(SCHEMA, owner.party, "30.00", installments=[installment])
    # Warm caches (site, settings, routing; the town's branding, which only the detail reads).
    for phone, tax in ((small_phone, small_tax), (big_phone, big_tax)):
        phone.get(f"{API}/obligations/")
        phone.get(f"{API}/obligations/{tax.pk}/")
    list_small = _queries(small_phone, f"{API}/obligations/")
    list_big = _queries(big_phone, f"{API}/obligations/")
    assert list_small == list_big, (list_small, list_big)
    detail_small = _queries(small_phone, f"{API}/obligations/{small_tax.pk}/")
    detail_big = _queries(big_phone, f"{API}/obligations/{big_tax.pk}/")
    assert detail_small == detail_big, (detail_small, detail_big)
    payments_small = _queries(small_phone, f"{API}/payments/")
    payments_big = _queries(big_phone, f"{API}/payments/")
    assert payments_small == payments_big


def test_case_letter_shows_how_it_was_sent_to_the_acting_party_only(ewa, phone):
    from eurzad.cases.letters import change_delivery_state, dispatch_letter

    other = party(SCHEMA, first_name="Inna", last_name="Strona")
    shared = case(SCHEMA, ewa.party, co_parties=(other,))
    letter = document(SCHEMA, shared)
    with schema_context(SCHEMA):
        for delivery in dispatch_letter(letter):  # neither has an electronic address: paper
            if delivery.party_id == ewa.party.pk:
                change_delivery_state(delivery, "sent")
    body = phone.get(f"{API}/cases/{shared.pk}/").json()
    (shown,) = body["documents"]
    assert shown["delivery_to_you"]["route"] == "paper"
    assert shown["delivery_to_you"]["state"] == "sent"
    assert shown["delivery_to_you"]["evidences"] == []
