"""The case letters' attachments as a kind of private file: a resident reads those of the
cases the acting Party is a party or co-party to; staff need ``cases.view_casedocument``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from eurzad.cases.models import CaseDocument
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
