"""The files attached to applications as a kind of private file: a resident reads those
of the applications of the Party they act for; staff need ``eservices.view_submission``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from eurzad.core.private_files.kinds import PrivateFileKind
from eurzad.eservices.models import SubmissionFile


def _readable(resident: Any, party: Any) -> QuerySet[SubmissionFile]:
    return SubmissionFile.objects.filter(submission__party=party)


def _owner(stored: SubmissionFile) -> Any:
    return stored.submission.party


SUBMISSION_FILES = PrivateFileKind(
    model=SubmissionFile,
    field_name="file",
    readable=_readable,
    staff_permission="eservices.view_submission",
    owner=_owner,
)
