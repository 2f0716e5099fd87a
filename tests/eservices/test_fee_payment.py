"""A certificate with a fee, end to end over HTTP (a real gunicorn and the Przelewy24
simulator): the application becomes a case only once its fee is booked; a refused
payment leaves a draft (no case, nothing half-filed) that can be paid again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.auth import SESSION_KEY as USER_KEY
from django_tenants.utils import schema_context

from eurzad.cases.models import Case
from eurzad.eservices.models import EServiceForm, Submission
from eurzad.finance.models import Installment
from eurzad.identity.authentication import SESSION_KEY
from tests.eservices.waste import field, step
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    BACKEND,
    HostClient,
    PaymentsWorld,
    payments_server_fixture,
    world_fixture,
)

pytestmark = pytest.mark.slow
HOST = "zembrzyce.localhost"
SLUG = "zaswiadczenie-test-oplata"
STEPS = [
    step(
        field("number", "egzemplarze", "Liczba egzemplarzy", minimum=1, maximum=5, required=True),
        field("computed", "oplata", "Opłata skarbowa", money=True, formula="egzemplarze * 21"),
        title="Zaświadczenie",
    )
]


@pytest.fixture
def certificate(world) -> Iterator[EServiceForm]:
    with schema_context("zembrzyce"):
        form = EServiceForm(
            name="Zaświadczenie o niezaleganiu (test)", slug=SLUG, jrwa_symbol="3120",
            case_subject="Wydanie zaświadczenia o niezaleganiu", steps=json.dumps(STEPS),
            fee_field="oplata", fee_title="Opłata skarbowa", live=False,
        )  # fmt: skip
        form.save()
        form.save_revision().publish()
    yield form
    with schema_context("zembrzyce"):
        submissions = Submission.objects.filter(form__slug=SLUG)
        cases = list(submissions.exclude(case=None).values_list("case", flat=True))
        submissions.delete()
        Case.objects.filter(pk__in=cases).delete()
        EServiceForm.objects.filter(slug=SLUG).delete()


def _client(server, world: PaymentsWorld) -> tuple[HostClient, object]:
    debtor = world.debtor("zembrzyce", ("1.00",))
    engine = import_module(settings.SESSION_ENGINE)
    with schema_context("zembrzyce"):
        user = debtor.resident.user
        store = engine.SessionStore()
        store[USER_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = BACKEND
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[SESSION_KEY] = {
            "assertion_id": "_fee1",
            "level_of_assurance": "http://eidas.europa.eu/LoA/substantial",
            "authenticated_at": "2026-12-08T08:00:00Z",
        }
        store.create()
    client = HostClient(server)
    client.cookies.setdefault(HOST, {})[settings.SESSION_COOKIE_NAME] = store.session_key
    return client, debtor


def _fill_and_pay(server, client: HostClient, choice: str) -> tuple[object, Submission]:
    start = client.post_form(server.url(HOST, f"/e-uslugi/{SLUG}/"), {}, follow=False)
    assert start.status_code == 302, start.text[-2000:]
    step_url = server.url(HOST, start.headers["Location"])
    with schema_context("zembrzyce"):
        draft = Submission.objects.get(form__slug=SLUG)
    summary = client.post_form(
        step_url, {"revision": str(draft.revision_id), "action": "next", "egzemplarze": "1"}
    )
    assert "Zapłać 21.00 zł i złóż wniosek" in summary.text, summary.text[-3000:]
    to_gateway = client.post_form(summary.final_url, {}, follow=False)
    assert to_gateway.status_code == 302, to_gateway.text[-2000:]
    page_url = to_gateway.headers["Location"]
    assert "/symulator-p24/trnRequest/" in page_url
    with schema_context("zembrzyce"):
        waiting = Submission.objects.get(pk=draft.pk)
        assert waiting.state == Submission.State.AWAITING_PAYMENT and waiting.case_id is None
    back = client.post_form(page_url, {"choice": choice})
    with schema_context("zembrzyce"):
        return back, Submission.objects.select_related("fee_installment").get(pk=draft.pk)


def test_the_case_appears_only_after_the_fee_is_paid(payments_server, world, certificate):
    client, _debtor = _client(payments_server, world)
    back, submission = _fill_and_pay(payments_server, client, "pay")
    assert "Płatność przyjęta" in back.text
    assert submission.state == Submission.State.SUBMITTED and submission.case_id
    assert submission.fee == Decimal("21.00")
    assert submission.fee_installment.state == Installment.State.PAID
    page = client.get(payments_server.url(HOST, f"/e-uslugi/wniosek/{submission.pk}/"))
    assert submission.reference in page.text and "zapłacona" in page.text


def test_a_refused_payment_leaves_a_draft_to_pay_again(payments_server, world, certificate):
    client, _debtor = _client(payments_server, world)
    back, submission = _fill_and_pay(payments_server, client, "refuse")
    assert "Płatność przerwana" in back.text
    assert submission.state == Submission.State.DRAFT and submission.case_id is None
    with schema_context("zembrzyce"):
        assert not Case.objects.filter(external_id=submission.reference).exists()
    # Submitted again, the same unpaid fee is paid: then it is filed.
    summary_url = payments_server.url(HOST, f"/e-uslugi/wniosek/{submission.pk}/podsumowanie/")
    to_gateway = client.post_form(summary_url, {}, follow=False)
    again = client.post_form(to_gateway.headers["Location"], {"choice": "pay"})
    assert "Płatność przyjęta" in again.text
    with schema_context("zembrzyce"):
        filed = Submission.objects.get(pk=submission.pk)
        assert filed.state == Submission.State.SUBMITTED and filed.case_id
        fees = Installment.objects.filter(obligation__external_id__startswith=filed.reference)
        assert [fee.state for fee in fees] == [Installment.State.PAID]
