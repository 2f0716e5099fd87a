"""A resident with ``size`` of everything the resident area shows: obligations (one of
them with 2 × ``size`` installments, ``size`` components and ``size`` payments), payments
(one settling ``size`` installments), cases (one with ``size`` status changes and letters
sent to the party), notifications, register entries, mandates, online payments (one of
``size`` items), paired phones, login events and access requests.

Everything is made by the models' own services where there is one (booking a payment,
changing a case's status, recording and sending a letter, notifying, pairing a phone,
filing an access request, the audit log); each text carries ``marker``, so a page can be
searched for data that is not its own."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import count

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tenants.utils import schema_context
from stdnum.pl import nip, pesel

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.cases.letters import dispatch_letter
from eurzad.cases.models import Case, CaseDocument, CaseStatus
from eurzad.cases.services import change_status, record_letter
from eurzad.eservices.models import EServiceForm, Submission
from eurzad.finance.gateways.models import PaymentIntent, PaymentIntentItem
from eurzad.finance.models import ObligationKind
from eurzad.identity.access_requests import Applicant, Contact, file_access_request
from eurzad.identity.models import AccessRequest, Resident
from eurzad.identity.pin import pair_device, set_pin
from eurzad.notifications.services import notify
from eurzad.parties.models import Party
from eurzad.registers.models import RegisterDefinition, RegisterEntry
from tests.cases import factories as cases
from tests.channels.receipts import town_upp
from tests.finance import factories as finance

_serials = count(1)
PIN = "2580"


@dataclass(frozen=True)
class ResidentData:
    """The resident and the ids of the objects whose pages are counted."""

    schema: str
    size: int
    marker: str
    resident: Resident
    obligation_id: int  # 2 × size installments, size components, size payments
    payment_id: int  # settles size installments
    case_id: int  # size status changes, size letters
    document_id: int  # a letter with an attachment
    notification_id: int
    intent_id: int  # size items
    intent_token: str
    access_request_id: int  # with its UPO
    cart: list[int]  # size open installments, for the cart
    draft_id: int  # one of size drafts of the general letter
    application_id: int  # one of size filed applications, filed as the case (its letters)

    @property
    def party(self) -> Party:
        party = self.resident.party
        assert party is not None
        return party


def _pesel(born: date) -> str:
    serial = next(_serials) % 10000
    digits = f"{born:%y%m%d}{serial:04d}"
    return digits + pesel.calc_check_digit(digits)


def _nip() -> str:
    while True:  # one stem in eleven has no check digit
        stem = f"7{next(_serials):08d}"
        valid = [stem + check for check in "0123456789" if nip.is_valid(stem + check)]
        if valid:
            return valid[0]


def _finances(schema: str, owner: Party, size: int, marker: str) -> tuple[int, int, list[int]]:
    """The big obligation, the payment settling ``size`` of its installments, and its
    ``size`` installments still open; ``size - 1`` more obligations and payments."""
    today = timezone.localdate()
    big = finance.obligation(
        schema,
        owner,
        year=today.year,
        document_number=f"FN.{next(_serials)}.{today.year}",
        installments=[(today + timedelta(days=30 * k - 90), "100.00") for k in range(2 * size)],
        components=[(f"Składnik {k}", "10", "m²", "1.5", "15.00") for k in range(size)],
    )
    with schema_context(schema):
        kinds = list(ObligationKind.objects.values_list("code", flat=True))
    for k in range(1, size):
        finance.obligation(
            schema,
            owner,
            year=today.year - k % 4,
            kind=kinds[k % len(kinds)],
            installments=[(today + timedelta(days=k), "50.00")],
        )
    installments = finance.installments_of(schema, big)
    settling = finance.pay(
        schema,
        owner,
        f"{100 * size}.00",
        obligation=big,
        installments=installments[:size],
        title=f"{marker} wpłata zbiorcza",
    )
    # Paid without naming an obligation, for an installment paid already: an overpayment.
    finance.pay(schema, owner, "5.00", installments=installments[:1], title=f"{marker} nadpłata")
    for k in range(1, size):
        finance.pay(
            schema,
            owner,
            "10.00",
            obligation=big,
            installments=[installments[size + k]],
            booked_on=today - timedelta(days=k),
            title=f"{marker} wpłata {k}",
        )
    return big.pk, settling.pk, [installment.pk for installment in installments[size:]]


def _letter(case: Case, marker: str, number: int) -> CaseDocument:
    letter = CaseDocument(
        case=case,
        direction=CaseDocument.Direction.OUTGOING,
        title=f"{marker} pismo {number}",
        dated=timezone.localdate(),
        channel=CaseDocument.Channel.PAPER,
    )
    letter.attachment.save("pismo.txt", ContentFile(b"tresc pisma"), save=False)
    record_letter(case, letter)
    dispatch_letter(letter)  # no electronic address: a paper delivery to the party
    return letter


def _cases(
    schema: str, owner: Party, others: list[Party], size: int, marker: str
) -> tuple[int, int]:
    """The big case (its history and letters) and its first letter; ``size - 1`` more
    cases, every other one with the Party as a co-party only."""
    big = cases.case(schema, owner, status="zlozona", subject=f"{marker} sprawa główna")
    with schema_context(schema):
        statuses = [CaseStatus.objects.get(code=code) for code in ("w-toku", "wezwanie")]
        start = timezone.now() - timedelta(days=size)
        for k in range(size):
            change_status(big, statuses[k % 2], at=start + timedelta(days=k))
        letters = [_letter(big, marker, k) for k in range(size)]
    for k in range(1, size):
        shared = k % 2 == 0
        cases.case(
            schema,
            others[k % len(others)] if shared else owner,
            co_parties=(owner,) if shared else (),
            subject=f"{marker} sprawa {k}",
        )
    return big.pk, letters[0].pk


def _intents(schema: str, resident: Resident, installments: list[int], size: int) -> PaymentIntent:
    """``size`` finished online payments; the first of ``size`` items."""
    with schema_context(schema):
        first = None
        for k in range(size):
            items = installments if k == 0 else installments[:1]
            intent = PaymentIntent.objects.create(
                party=resident.party,
                resident=resident,
                gateway="przelewy24",
                amount=Decimal("1.00") * len(items),
                status=PaymentIntent.Status.SUCCEEDED if k == 0 else PaymentIntent.Status.FAILED,
                session_id=secrets.token_urlsafe(24),
                return_token=secrets.token_urlsafe(24),
                completed_at=timezone.now(),
            )
            PaymentIntentItem.objects.bulk_create(
                PaymentIntentItem(intent=intent, installment_id=pk, amount=Decimal("1.00"))
                for pk in items
            )
            first = first or intent
        assert first is not None
        return first


def _entries(schema: str, owner: Party, size: int, marker: str) -> None:
    """``size`` register entries of the Party, across the town's registers."""
    with schema_context(schema):
        definitions = list(RegisterDefinition.objects.order_by("pk"))
        for k in range(size):
            definition = definitions[k % len(definitions)]
            texts = {f["name"]: f"{marker} {k}" for f in definition.fields if f["type"] == "text"}
            RegisterEntry.objects.create(
                definition=definition,
                number=f"{marker}/{k}",
                party=owner,
                values=definition.clean_values(texts),
                valid_from=timezone.localdate() - timedelta(days=k),
                source="query-counts",
                external_id=f"{marker}/{k}",
            )


def _identity(schema: str, resident: Resident, size: int, marker: str) -> int:
    """``size`` mandates (every other one to pay), paired phones, logins, staff views of
    the Party's data and access requests (each with its UPO); the first request's id."""
    owner = resident.party
    assert owner is not None
    with schema_context(schema):
        for k in range(size):
            firm = Party.objects.create(
                kind=Party.Kind.LEGAL, name=f"{marker} firma {k}", nip=_nip()
            )
            finance.mandate(schema, resident, firm, scope="pay" if k % 2 else "view")
        set_pin(resident, PIN)
        for k in range(size):
            pair_device(resident, PIN, f"{marker} telefon {k}")
            record(AuditEvent.Action.LOGIN, user=resident.user, party=owner, method="login.gov.pl")
            record(AuditEvent.Action.PERSONAL_DATA_VIEWED, party=owner)
        applicant = Applicant(owner.first_name, owner.last_name, owner.pesel, None, "ePUAP")
        upo = town_upp(
            recipient=schema, sender=f"{owner.first_name} {owner.last_name}", document_id=marker
        )
        requests = [
            file_access_request(
                applicant,
                Contact(remarks=f"{marker} wniosek {k}"),
                channel=AccessRequest.Channel.EPUAP,
                channel_message_id=f"{marker}-{k}",
                upo=upo,
            )
            for k in range(size)
        ]
        return requests[0].pk


def _notifications(schema: str, resident: Resident, size: int, marker: str) -> int:
    with schema_context(schema):
        made = [
            notify(
                resident.user,
                reason="test",
                subject=f"{marker} powiadomienie {k}",
                body="Treść.",
                link="/konto/sprawy/",
                party=resident.party,
            )
            for k in range(size)
        ]
    assert made[0] is not None
    return made[0].pk


def _applications(
    schema: str, resident: Resident, case_id: int, size: int, marker: str
) -> tuple[int, int]:
    """``size`` drafts and ``size`` filed applications on the town's general letter, the
    first filed one as the case's application."""
    with schema_context(schema):
        form = EServiceForm.objects.get(slug="pismo-ogolne")
        drafts = Submission.objects.bulk_create(
            Submission(form=form, revision=form.live_revision, party=resident.party,
                       filed_by=resident, answers={"tytul": f"{marker} {k}"},
                       expires_at=timezone.now() + timedelta(days=30))
            for k in range(size)
        )  # fmt: skip
        filed = Submission.objects.bulk_create(
            Submission(form=form, revision=form.live_revision, party=resident.party,
                       filed_by=resident, answers={"tytul": f"{marker} {k}"},
                       state=Submission.State.SUBMITTED, submitted_at=timezone.now(),
                       reference=f"EU/{marker}/{k}", digest="0" * 64,
                       case_id=case_id if k == 0 else None)
            for k in range(size)
        )  # fmt: skip
    return drafts[0].pk, filed[0].pk


def resident_with(schema: str, size: int, marker: str) -> ResidentData:
    """A resident of the town ``schema`` with ``size`` of everything (see the module)."""
    own = finance.party(
        schema,
        pesel=_pesel(date(1980, 1, 1)),
        first_name="Anna",
        last_name=marker,
        city="Zembrzyce",
    )
    resident = finance.resident(schema, own)
    others = [finance.party(schema, first_name="Jan", last_name=f"{marker} współstrona")]
    obligation_id, payment_id, open_installments = _finances(schema, own, size, marker)
    case_id, document_id = _cases(schema, own, others, size, marker)
    intent = _intents(schema, resident, open_installments, size)
    _entries(schema, own, size, marker)
    access_request_id = _identity(schema, resident, size, marker)
    notification_id = _notifications(schema, resident, size, marker)
    draft_id, application_id = _applications(schema, resident, case_id, size, marker)
    return ResidentData(
        schema=schema,
        size=size,
        marker=marker,
        resident=resident,
        obligation_id=obligation_id,
        payment_id=payment_id,
        case_id=case_id,
        document_id=document_id,
        notification_id=notification_id,
        intent_id=intent.pk,
        intent_token=intent.return_token,
        access_request_id=access_request_id,
        cart=open_installments,
        draft_id=draft_id,
        application_id=application_id,
    )
