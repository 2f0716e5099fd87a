"""One download path for private files: the owner and an allowed representative get the
file, staff with the permission too (and the read is audited); anyone else, and any other
town's host, gets 404 — for every kind of private file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.audit.models import AuditEvent
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f
from tests.private_files.conftest import case_letter, login, mandate, power_of_attorney, staff


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_owner_downloads_the_file_with_private_headers(people, stored):
    response = login(people.owner).get(stored.url)
    assert response.status_code == 200
    assert _body(response) == stored.content
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    if stored.filename.endswith(".pdf"):
        assert disposition.startswith("inline;")
        assert response["Content-Type"] == "application/pdf"
    else:
        assert disposition.startswith("attachment;")
    # The stored name says nothing; the original name comes back only in the header.
    assert stored.filename.rsplit(".", 1)[0].split()[0] not in stored.url
    assert "filename" in disposition


def test_anonymous_visitor_gets_404(people, stored):
    assert host_client(ZEMBRZYCE_HOST).get(stored.url).status_code == 404


def test_another_resident_gets_404(people, stored):
    assert login(people.other).get(stored.url).status_code == 404


def test_another_resident_acting_for_someone_they_do_not_represent_gets_404(people, stored):
    assert login(people.other, acting_for=people.owner_party).get(stored.url).status_code == 404


@pytest.mark.parametrize(
    "dates",
    [
        {"valid_until": date.today() - timedelta(days=1)},
        {"valid_from": date.today() + timedelta(days=1)},
        {"revoked_at": timezone.now()},
    ],
    ids=["expired", "not-yet-valid", "revoked"],
)
def test_representative_without_a_valid_mandate_gets_404(people, stored, dates):
    lapsed = f.resident("zembrzyce", f.party("zembrzyce", pesel="02270803628"))
    mandate(lapsed, people.owner_party, **dates)
    assert login(lapsed, acting_for=people.owner_party).get(stored.url).status_code == 404


def test_representative_reads_case_letters_only_while_acting_for_the_party(people):
    letter = case_letter(people)
    assert login(people.agent).get(letter.url).status_code == 404  # acting for himself
    acting = login(people.agent, acting_for=people.owner_party).get(letter.url)
    assert acting.status_code == 200 and _body(acting) == letter.content


def test_powers_of_attorney_are_the_applicants_own_not_the_representatives(people):
    document = power_of_attorney(people)
    agent = login(people.agent, acting_for=people.owner_party)
    assert agent.get(document.url).status_code == 404


def test_staff_without_the_permission_get_404(people, stored):
    assert staff().get(stored.url).status_code == 404
    assert staff("wagtailadmin.access_admin").get(stored.url).status_code == 404


def test_staff_with_the_permission_get_the_file_and_the_read_is_audited(people, stored):
    response = staff("wagtailadmin.access_admin", stored.staff_permission).get(stored.url)
    assert response.status_code == 200 and _body(response) == stored.content
    with schema_context("zembrzyce"):
        event = AuditEvent.objects.filter(action=AuditEvent.Action.PERSONAL_DATA_VIEWED).first()
        assert event is not None
        assert event.party_id == people.owner_party.pk
        assert event.details["what"] == stored.kind
        assert event.method == "admin"


def test_another_towns_host_never_serves_the_file(people, stored):
    assert host_client(GLOGOW_HOST).get(stored.url).status_code == 404
    glogow_staff = staff("wagtailadmin.access_admin", stored.staff_permission, schema="glogow")
    assert glogow_staff.get(stored.url).status_code == 404
    # The owner's own session cookie of Zembrzyce means nothing on Głogów's host.
    owner = login(people.owner)
    owner.defaults["HTTP_HOST"] = GLOGOW_HOST
    assert owner.get(stored.url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/pliki/pisma/2026/12/" + "A" * 43,  # well-formed, not stored
        "/pliki/nieznane/2026/12/" + "A" * 43,  # no such kind
        "/pliki/pisma/../../etc/passwd",
        "/pliki/pisma/2026/12/short",
        "/pliki/",
    ],
)
def test_unknown_or_malformed_names_get_404(people, path):
    assert login(people.owner).get(path).status_code == 404
