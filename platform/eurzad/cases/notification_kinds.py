"""The notifications cases send: a case's new status, a letter either way, and (to the
clerks) a resident's reply to the office."""

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


def _case_reply(context: Context) -> Context:
    case, party = context["case"], context["party"]
    return {
        "sign": case.sign,
        "subject": case.subject,
        "party": party.display_name,
        "title": context["document"].title,
        "attachments": context["attachments"],
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
    register(
        Kind(
            "case_reply_received",
            gettext_lazy("Odpowiedź strony w sprawie"),
            gettext_lazy("Dla urzędników: strona odpowiedziała urzędowi w sprawie przez e-Urząd."),
            context_keys=("case", "document", "party", "attachments", "link"),
            # The clerks' own: not among the residents' choices.
            configurable=False,
            prepare=_case_reply,
            position=55,
        )
    )
