"""Private files of each kind in Zembrzyce, and the people who may or may not read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.identity.access_requests import (
    Applicant,
    Authorisation,
    Contact,
    file_access_request,
)
from eurzad.identity.acting import ACTING_PARTY_KEY
from eurzad.identity.models import Representation, Resident
from eurzad.parties.models import Party
from tests.cases import factories as c
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f

OWNER_PESEL = "92071314764"
OTHER_PESEL = "75061712342"
AGENT_PESEL = "85010112345"
FIRM_NIP = "9471682535"


@dataclass
class StoredFile:
    """One private file: where it is downloaded, what it holds, as what it is named."""

    kind: str
    url: str
    content: bytes
    filename: str
    staff_permission: str


@dataclass
class People:
    owner: Resident
    other: Resident
    agent: Resident  # holds a valid mandate for the owner
    owner_party: Party


def login(who: Resident, *, acting_for: Party | None = None, host: str = ZEMBRZYCE_HOST) -> Client:
    client = f.logged_in("zembrzyce", host, who)
    if acting_for is not None:
        client.get("/konto/")  # the session exists from here on
        session = client.session
        session[ACTING_PARTY_KEY] = acting_for.pk
        session.save()
    return client


def staff(*permissions: str, schema: str = "zembrzyce") -> Client:
    """An office worker of the town with exactly these permissions."""
    client = host_client(ZEMBRZYCE_HOST if schema == "zembrzyce" else GLOGOW_HOST)
    with schema_context(schema):
        user = get_user_model().objects.create_user(
            username=f"urzednik-{len(permissions)}-{timezone.now().timestamp()}", password="x"
        )
        for permission in permissions:
            app_label, codename = permission.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        client.force_login(user)
    return client


def mandate(agent: Resident, party: Party, **dates: object) -> Representation:
    with schema_context("zembrzyce"):
        return Representation.objects.create(
            resident=agent,
            party=party,
            scope=Representation.Scope.VIEW,
            valid_from=dates.get("valid_from", date.today() - timedelta(days=30)),
            valid_until=dates.get("valid_until"),
            revoked_at=dates.get("revoked_at"),
        )


@pytest.fixture
def people(towns) -> People:
    owner_party = f.party("zembrzyce", pesel=OWNER_PESEL)
    owner = f.resident("zembrzyce", owner_party)
    other = f.resident(
        "zembrzyce", f.party("zembrzyce", pesel=OTHER_PESEL, first_name="Ewa", last_name="Inna")
    )
    agent_party = f.party("zembrzyce", pesel=AGENT_PESEL, first_name="Adam", last_name="Nowak")
    agent = f.resident("zembrzyce", agent_party)
    mandate(agent, owner_party)
    return People(owner=owner, other=other, agent=agent, owner_party=owner_party)


def case_letter(people: People) -> StoredFile:
    case = c.case("zembrzyce", people.owner_party)
    content = "Wezwanie do uzupełnienia wniosku".encode()
    letter = c.document("zembrzyce", case, content=content)
    return StoredFile("pisma", letter.attachment.url, content, "pismo.txt",
                      "cases.view_casedocument")  # fmt: skip


def power_of_attorney(people: People) -> StoredFile:
    content = b"%PDF-1.7 pelnomocnictwo"
    with schema_context("zembrzyce"):
        filed = file_access_request(
            Applicant("Anna", "Nowak", OWNER_PESEL, date(1992, 7, 13), "login.gov.pl"),
            Contact(
                email="anna@example.pl",
                authorisations=[
                    Authorisation(
                        kind=Party.Kind.LEGAL,
                        name="Tartak Beskid",
                        nip=FIRM_NIP,
                        document_name="pełnomocnictwo Tartak.pdf",
                        document=content,
                    )
                ],
            ),
            channel="portal",
        )
        document = filed.authorisations.get().document
    return StoredFile("pelnomocnictwa", document.url, content, "pełnomocnictwo Tartak.pdf",
                      "identity.review_accessrequest")  # fmt: skip


KINDS = {"case_letter": case_letter, "power_of_attorney": power_of_attorney}


@pytest.fixture(params=sorted(KINDS))
def stored(request, people) -> StoredFile:
    return KINDS[request.param](people)
