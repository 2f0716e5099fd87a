"""Use cases of cases: record a status change or a letter, tell the Party's people, and
take a resident's reply to the office."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eurzad.cases.models import Case, CaseDocument, CaseStatus, CaseStatusChange
from eurzad.cases.replies import (
    ReplyRefused,
    attachment_title,
    awaits_reply,
    checked_attachments,
    checked_text,
    clerks_to_notify,
    may_reply,
    reply_pdf,
    reply_title,
)
from eurzad.identity.models import Representation, Resident
from eurzad.notifications.services import send
from eurzad.parties.models import Party


def _case_link(case: Case) -> str:
    try:
        return reverse("cases:case", args=[case.pk])
    except NoReverseMatch:  # outside a town's URLconf (e.g. a management command)
        return f"/konto/sprawy/{case.pk}/"


def _recipients(case: Case) -> list[tuple[object, object]]:
    """(user, Party) for the resident of the case's party and each co-party, and every
    resident holding a view or pay mandate for them; each user once."""
    parties = [case.party, *case.co_parties.all()]
    seen: set[int] = set()
    out: list[tuple[object, object]] = []
    for party in parties:
        residents = list(Resident.objects.filter(party=party).select_related("user"))
        for mandate in active_mandates_for(party):
            residents.append(mandate.resident)
        for resident in residents:
            if resident.user_id in seen:
                continue
            seen.add(resident.user_id)
            out.append((resident.user, party))
    return out


def active_mandates_for(party: Party) -> QuerySet[Representation]:
    """Valid mandates (of any scope) others hold for ``party``."""
    day = timezone.localdate()
    return (
        Representation.objects.filter(
            party=party,
            valid_from__lte=day,
            revoked_at__isnull=True,
        )
        .exclude(valid_until__lt=day)
        .select_related("resident__user")
    )


def _notify_all(case: Case, kind: str, context: dict[str, object], *, key: str) -> int:
    sent = 0
    for user, party in _recipients(case):
        if send(kind, user, {**context, "link": _case_link(case)}, key=key, party=party):
            sent += 1
    return sent


@transaction.atomic
def change_status(
    case: Case, status: CaseStatus, *, at: datetime | None = None, note: str = ""
) -> CaseStatusChange | None:
    """Record that ``case`` is now in ``status`` and notify its people once; None when it
    already is in that status (nothing recorded, nobody notified)."""
    if case.status_id == status.pk and case.status_changes.exists():
        return None
    at = at or timezone.now()
    change = CaseStatusChange.objects.create(case=case, status=status, changed_at=at, note=note)
    case.status = status
    fields = ["status", "updated_at"]
    if status.final and case.closed_on is None:
        case.closed_on = timezone.localtime(at).date()
        fields.append("closed_on")
    case.save(update_fields=fields)
    _notify_all(
        case,
        "case_status_changed",
        {"case": case, "status": status},
        key=f"case-status:{change.pk}",
    )
    return change


@transaction.atomic
def record_letter(case: Case, document: CaseDocument) -> CaseDocument:
    """Save a letter or document of ``case`` and notify the case's people once: of a
    letter from the office, and that the office received one of theirs."""
    document.case = case
    document.save()
    _notify_all(
        case, "case_letter", {"case": case, "document": document}, key=f"case-letter:{document.pk}"
    )
    return document


@transaction.atomic
def open_case(
    *,
    party: Party,
    subject: str,
    jrwa_symbol: str,
    source: str,
    external_id: str,
    sign: str,
    received_at: datetime | None = None,
    note: str = "",
) -> Case:
    """A case the portal opens for what a Party filed (an online application), in the
    town's first status ("złożona"); its people are notified once."""
    received_at = received_at or timezone.now()
    status = CaseStatus.objects.order_by("order", "pk").first()
    if status is None:
        raise CaseStatus.DoesNotExist("the town has no case statuses")
    case = Case.objects.create(
        sign=sign,
        jrwa_symbol=jrwa_symbol,
        subject=subject,
        party=party,
        received_on=timezone.localtime(received_at).date(),
        status=status,
        source=source,
        external_id=external_id,
    )
    change_status(case, status, at=received_at, note=note)
    return case


# The history's note of a reply: the case keeps its status (no town marks one as "reply
# received"), the office moves it on when it has read the reply.
REPLY_NOTE = gettext_lazy("Wpłynęła odpowiedź mieszkańca")


@dataclass(frozen=True)
class Reply:
    """What a reply left in its case: the letter (the typed text as a PDF) and one
    document per attachment."""

    letter: CaseDocument
    attachments: list[CaseDocument]


def _admin_link(case: Case) -> str:
    try:
        return reverse("cases_case:edit", args=[case.pk])
    except NoReverseMatch:
        return f"/admin/cases/case/edit/{case.pk}/"


def _incoming(case: Case, day: date, title: str, name: str, content: File) -> CaseDocument:
    document = CaseDocument(
        case=case,
        direction=CaseDocument.Direction.INCOMING,
        title=title[:300],
        dated=day,
        channel=CaseDocument.Channel.PORTAL,
        delivery=CaseDocument.Delivery.RECEIVED,
    )
    document.attachment.save(name, content, save=False)
    return document


def reply_to_office(
    case: Case,
    party: Party,
    resident: Resident,
    text: str,
    files: Sequence[UploadedFile] = (),
) -> Reply:
    """``resident``, for ``party``, answers the office in ``case``: the text becomes a PDF
    letter received through the portal, each file a document after it; the case's people
    and its clerks are told; the office's request (``resident_action``) is cleared and the
    history notes the reply. All of it or nothing: refused with :class:`ReplyRefused`
    (the case does not wait for a reply or is closed, the sender may not answer for the
    Party, the text or a file is not acceptable)."""
    if resident.is_demo:
        raise ReplyRefused(_("To konto demonstracyjne – odpowiedź nie zostanie wysłana."))
    if not may_reply(case, party, resident):
        raise ReplyRefused(
            _("Nie możesz odpowiadać urzędowi w tej sprawie w imieniu tej osoby lub firmy.")
        )
    text = checked_text(text)
    attached = checked_attachments(files)
    stored: list[CaseDocument] = []
    try:
        with transaction.atomic():
            case = (
                Case.objects.select_for_update(of=("self",))
                .select_related("status")
                .get(pk=case.pk)
            )
            if not awaits_reply(case):
                raise ReplyRefused(_("Urząd nie czeka teraz na Twoją odpowiedź w tej sprawie."))
            now = timezone.now()
            pdf = reply_pdf(case, party, resident, text, attached, now)
            day = timezone.localtime(now).date()
            name = f"odpowiedz-{day:%Y-%m-%d}.pdf"
            letter = _incoming(case, day, reply_title(day), name, ContentFile(pdf))
            stored.append(letter)
            record_letter(case, letter)  # tells the case's people the office received it
            documents = []
            for each in attached:
                document = _incoming(case, day, attachment_title(each.name), each.name, each.upload)
                stored.append(document)
                document.save()
                documents.append(document)
            CaseStatusChange.objects.create(
                case=case, status=case.status, changed_at=now, note=str(REPLY_NOTE)
            )
            case.resident_action = ""
            case.save(update_fields=["resident_action", "updated_at"])
            _notify_clerks(case, letter, party, len(documents))
    except BaseException:
        for document in stored:  # the transaction is undone: so are the files it stored
            if document.attachment.name:
                document.attachment.storage.delete(document.attachment.name)
        raise
    return Reply(letter=letter, attachments=documents)


def _notify_clerks(case: Case, letter: CaseDocument, party: Party, attachments: int) -> None:
    context = {
        "case": case,
        "document": letter,
        "party": party,
        "attachments": attachments,
        "link": _admin_link(case),
    }
    for clerk in clerks_to_notify(case):
        send("case_reply_received", clerk, context, key=f"case-reply:{letter.pk}")
