"""An application's fee (e.g. opłata skarbowa for a certificate), paid through the town's
payment gateway before the application is filed.

The fee is an obligation of the applicant with one installment due today, so it is paid,
booked and confirmed exactly like any other payment (``book_payment``, exactly once); the
gateway's signals then file the application, or give it back as a draft when the payment
failed or was given up. A fee never paid is cancelled, never left as a debt.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.eservices.errors import SubmissionRefused
from eurzad.eservices.models import Submission
from eurzad.finance.gateways.models import PaymentIntent
from eurzad.finance.gateways.services import Item, PaymentRefused, start_payment
from eurzad.finance.models import Installment, Obligation, ObligationKind
from eurzad.identity.models import Resident

logger = logging.getLogger(__name__)

FEE_KIND = "oplaty-za-wnioski"
FEE_SOURCE = "eurzad-wnioski"  # Obligation.source of the fees


def _fee_kind() -> ObligationKind:
    kind, _created = ObligationKind.objects.get_or_create(
        code=FEE_KIND, defaults={"name": "Opłaty za wnioski", "is_tax": True, "order": 90}
    )
    return kind


def fee_installment(submission: Submission) -> Installment:
    """The installment that pays ``submission``'s fee: made once, made again (the old one
    cancelled) only when the fee changed since."""
    party, fee = submission.party, submission.fee
    if party is None or fee is None:
        raise ValueError("only a Party's application with a fee has a fee to pay")
    current = submission.fee_installment
    if current is not None and current.state != Installment.State.CANCELLED:
        if current.amount == fee:
            return current
        cancel_fee(submission)
    today = timezone.localdate()
    attempt = Obligation.objects.filter(
        source=FEE_SOURCE, external_id__startswith=f"{submission.reference}/"
    ).count()
    form = submission.form
    obligation = Obligation.objects.create(
        party=party,
        kind=_fee_kind(),
        year=today.year,
        document_number=submission.reference,
        document_date=today,
        description=f"{form.fee_title or _('Opłata')}: {form.name}"[:300],
        amount=fee,
        source=FEE_SOURCE,
        external_id=f"{submission.reference}/{attempt + 1}",
    )
    installment = Installment.objects.create(
        obligation=obligation, number=1, due_date=today, amount=fee
    )
    submission.fee_installment = installment
    submission.save(update_fields=["fee_installment", "updated_at"])
    return installment


def fee_paid(submission: Submission) -> bool:
    installment = submission.fee_installment
    return installment is not None and installment.state == Installment.State.PAID


def cancel_fee(submission: Submission) -> None:
    """Cancel an unpaid fee (the draft was given up or its fee changed)."""
    installment = submission.fee_installment
    if installment is not None and installment.paid == 0:
        Installment.objects.filter(pk=installment.pk).update(state=Installment.State.CANCELLED)


def pay_fee(
    submission: Submission, resident: Resident, *, site_url: str, customer_ip: str = ""
) -> PaymentIntent:
    """Start paying the fee of ``submission`` (waiting for its payment) at the gateway;
    returns the intent with the URL the resident is sent to."""
    if submission.state != Submission.State.AWAITING_PAYMENT or submission.party is None:
        raise SubmissionRefused(
            _("Ten wniosek nie czeka na opłatę."), "this application awaits no payment"
        )
    installment = fee_installment(submission)
    try:
        return start_payment(
            resident,
            submission.party,
            [Item(installment.pk)],
            site_url=site_url,
            customer_ip=customer_ip,
        )
    except PaymentRefused as refused:
        raise SubmissionRefused(str(refused), "the payment could not be started") from refused


def _submissions_paid_by(intent: PaymentIntent) -> list[Submission]:
    return list(
        Submission.objects.select_for_update(of=("self",)).filter(
            fee_installment__intent_items__intent=intent
        )
    )


def on_payment_completed(sender: Any, intent: PaymentIntent, **kwargs: Any) -> None:
    """The fee is booked (in the booking's transaction): file what waited for it."""
    from eurzad.eservices.services import file_paid

    for submission in _submissions_paid_by(intent):
        file_paid(submission)


def on_payment_closed(sender: Any, intent: PaymentIntent, status: str, **kwargs: Any) -> None:
    """The payment failed, was given up or expired: the application is a draft again
    (nothing was filed), to be paid again or changed."""
    with transaction.atomic():
        for submission in _submissions_paid_by(intent):
            if submission.state != Submission.State.AWAITING_PAYMENT:
                continue
            still_open = PaymentIntent.objects.filter(
                items__installment=submission.fee_installment, status__in=PaymentIntent.OPEN
            ).exists()
            if not still_open:
                submission.state = Submission.State.DRAFT
                submission.save(update_fields=["state", "updated_at"])
