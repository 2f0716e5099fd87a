"""Cases and their letters for the cases tests (inside a town's schema)."""

from __future__ import annotations

from itertools import count

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.cases.models import Case, CaseDocument, CaseStatus
from eurzad.parties.models import Party

_numbers = count(1)


def case(
    schema: str,
    owner: Party,
    *,
    status: str = "w-toku",
    co_parties: tuple[Party, ...] = (),
    resident_action: str = "",
    pk: int | None = None,
    subject: str = "",
) -> Case:
    number = next(_numbers)
    with schema_context(schema):
        created = Case.objects.create(
            pk=pk,
            sign=f"TST.6733.{number}.2026",
            jrwa_symbol="6733",
            subject=subject or f"Sprawa testowa {number}",
            party=owner,
            received_on=timezone.localdate(),
            status=CaseStatus.objects.get(code=status),
            resident_action=resident_action,
            source="test",
            external_id=f"case-{number}",
        )
        created.co_parties.set(co_parties)
        return created


def document(schema: str, of: Case, *, content: bytes = b"tresc pisma") -> CaseDocument:
    with schema_context(schema):
        letter = CaseDocument(
            case=of,
            direction=CaseDocument.Direction.OUTGOING,
            title="Wezwanie do uzupełnienia",
            dated=timezone.localdate(),
            channel=CaseDocument.Channel.EDORECZENIA,
        )
        letter.attachment.save("pismo.txt", ContentFile(content), save=False)
        letter.save()
        return letter


def admin_form(case: Case, schema: str = "glogow", **changes: object) -> dict[str, object]:
    """What the admin's case form posts for ``case`` as it is, with ``changes``."""
    with schema_context(schema):
        data = {
            "sign": case.sign,
            "jrwa_symbol": case.jrwa_symbol,
            "subject": case.subject,
            "party": case.party_id,
            "co_parties": [party.pk for party in case.co_parties.all()],
            "department": case.department,
            "officer_name": case.officer_name,
            "officer_contact": case.officer_contact,
            "received_on": case.received_on.isoformat(),
            "legal_deadline": "",
            "expected_end": "",
            "closed_on": "",
            "status": case.status_id,
            "resident_action": case.resident_action,
            "source": case.source,
            "external_id": case.external_id,
            "status_note": "",
        }
    data.update(changes)
    return data
