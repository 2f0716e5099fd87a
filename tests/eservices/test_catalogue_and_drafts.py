"""The catalogue sends residents to a service's form ("Załatw online", only while the
form is live, and on its own town's host only); unfinished applications expire by the
town's setting, unless their fee was paid."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import schema_context

from cms.models import ServicePage
from eurzad.celery import app
from eurzad.eservices import tasks
from eurzad.eservices.models import EServiceForm, Submission
from eurzad.eservices.services import expire_drafts, start
from eurzad.finance.models import Installment
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.eservices.forms import published
from tests.finance import factories as f


def _service(schema: str) -> tuple[ServicePage, str]:
    """A live service page without a form yet, and its path."""
    with schema_context(schema):
        page = (
            ServicePage.objects.live()
            .filter(locale__language_code="pl", eservice_form__isnull=True)
            .first()
        )
        return page, page.url


def test_a_service_with_a_live_form_offers_to_file_it_online(towns):
    service, url = _service("zembrzyce")
    form = published("zembrzyce", service=service)
    visitor = host_client(ZEMBRZYCE_HOST)
    page = visitor.get(url).content.decode()
    assert "Załatw online" in page and f"/e-uslugi/{form.slug}/" in page
    # Unpublished: the cached page is stale at once, the button gone.
    with schema_context("zembrzyce"):
        EServiceForm.objects.get(pk=form.pk).unpublish()
    assert "Załatw online" not in visitor.get(url).content.decode()
    # Głogów's own service page knows nothing of Zembrzyce's form.
    _other, other_url = _service("glogow")
    assert "Załatw online" not in host_client(GLOGOW_HOST).get(other_url).content.decode()


def test_drafts_past_the_towns_days_go_except_one_with_a_paid_fee(towns):
    form = published("zembrzyce")
    own = f.party("zembrzyce")
    jan = f.resident("zembrzyce", own)
    with schema_context("zembrzyce"):
        old, fresh, paid = (start(form, own, jan) for _ in range(3))
        past = timezone.now() - timedelta(days=1)
        Submission.objects.filter(pk__in=[old.pk, paid.pk]).update(expires_at=past)
        fee = f.obligation("zembrzyce", own, installments=[(timezone.localdate(), "21.00")])
        installment = fee.installments.get()
        Installment.objects.filter(pk=installment.pk).update(
            paid=installment.amount, state=Installment.State.PAID
        )
        Submission.objects.filter(pk=paid.pk).update(fee_installment=installment)
        assert expire_drafts() == 1
        left = set(Submission.objects.values_list("pk", flat=True))
    assert left == {fresh.pk, paid.pk}
    schedule = app.conf.beat_schedule["expire-application-drafts"]
    assert schedule["task"] == tasks.expire_drafts_in_all_towns.name
