"""The notifications cases send: a case's new status, and a letter either way."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from eurzad.cases.models import CaseDocument
from eurzad.notifications.kinds import Context, Kind, register


def _case_status(context: Context) -> Context:
    case, status = context["case"], context["status"]
    return {
        "sign": case.sign,
        "subject": case.subject,
        "status": status.name,
        "expected": case.expected_of_resident or "",
    }


def _case_letter(context: Context) -> Context:
    case, document = context["case"], context["document"]
    return {
        "sign": case.sign,
        "title": document.title,
        "from_office": document.direction == CaseDocument.Direction.OUTGOING,
    }


def register_kinds() -> None:
    register(
        Kind(
            "case_status_changed",
            gettext_lazy("Zmiana statusu sprawy"),
            gettext_lazy("Gdy sprawa, którą prowadzi urząd, zmieni status."),
            context_keys=("case", "status", "link"),
            prepare=_case_status,
            position=40,
        )
    )
    register(
        Kind(
            "case_letter",
            gettext_lazy("Pismo w sprawie"),
            gettext_lazy("Gdy urząd wyśle pismo w Twojej sprawie albo otrzyma Twoje pismo."),
            context_keys=("case", "document", "link"),
            prepare=_case_letter,
            position=50,
        )
    )
