"""The case letters' attachments and their delivery evidence as kinds of private file.

A resident reads the attachments of the cases the acting Party is a party or co-party to,
and the evidence of the letters sent to the acting Party itself (another party's evidence
names that party's address); staff need ``cases.view_casedocument`` or
``cases.view_letterevidence``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from eurzad.cases.models import CaseDocument, LetterEvidence
from eurzad.cases.queries import documents_of
from eurzad.core.private_files.kinds import PrivateFileKind


def _readable(resident: Any, party: Any) -> QuerySet[CaseDocument]:
    return documents_of(party)


def _owner(document: CaseDocument) -> Any:
    return document.case.party


CASE_ATTACHMENTS = PrivateFileKind(
    model=CaseDocument,
    field_name="attachment",
    readable=_readable,
    staff_permission="cases.view_casedocument",
    owner=_owner,
)


def _evidence_readable(resident: Any, party: Any) -> QuerySet[LetterEvidence]:
    return LetterEvidence.objects.filter(
        delivery__party=party, delivery__document__in=documents_of(party)
    )


def _evidence_owner(evidence: LetterEvidence) -> Any:
    return evidence.delivery.party


DELIVERY_EVIDENCE = PrivateFileKind(
    model=LetterEvidence,
    field_name="file",
    readable=_evidence_readable,
    staff_permission="cases.view_letterevidence",
    owner=_evidence_owner,
)
