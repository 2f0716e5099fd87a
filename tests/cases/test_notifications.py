"""A status change or a letter in a case notifies the Party's resident and the residents
holding a view or pay mandate for it — each once."""

from __future__ import annotations

from django_tenants.utils import schema_context

from eurzad.cases.models import CaseDocument, CaseStatus
from eurzad.cases.services import change_status, record_letter
from eurzad.notifications.models import Notification
from tests.cases import factories as c
from tests.finance import factories as f


def _notified(user) -> list[Notification]:
    with schema_context("zembrzyce"):
        return list(Notification.objects.filter(recipient=user, reason__startswith="case_"))


def test_status_change_notifies_resident_and_representatives_once(towns):
    owner = f.resident("zembrzyce", f.party("zembrzyce", pesel="92071314764"))
    viewer = f.resident("zembrzyce", f.party("zembrzyce", pesel="75061712342"))
    stranger = f.resident("zembrzyce", f.party("zembrzyce", pesel="85121612343"))
    f.mandate("zembrzyce", viewer, owner.party, scope="view")
    case = c.case("zembrzyce", owner.party)
    with schema_context("zembrzyce"):
        waiting = CaseStatus.objects.get(code="wezwanie")
        assert change_status(case, waiting) is not None
        assert change_status(case, waiting) is None  # already in it: nothing again
    for who in (owner, viewer):
        (notification,) = _notified(who.user)
        assert case.sign in notification.subject
        assert notification.link == f"/konto/sprawy/{case.pk}/"
    assert _notified(stranger.user) == []


def test_letter_notifies_once(towns):
    owner = f.resident("zembrzyce", f.party("zembrzyce", pesel="92071314764"))
    case = c.case("zembrzyce", owner.party)
    with schema_context("zembrzyce"):
        letter = record_letter(
            case,
            CaseDocument(
                direction=CaseDocument.Direction.OUTGOING,
                title="Decyzja",
                dated=case.received_on,
                channel=CaseDocument.Channel.EPUAP,
            ),
        )
        record_letter(case, letter)  # saved again: same key, no second notification
    (notification,) = _notified(owner.user)
    assert "Decyzja" in notification.body
