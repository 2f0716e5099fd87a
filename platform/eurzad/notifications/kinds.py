"""What the platform tells people about: the registry of notification kinds.

Each kind has three templates under
``notifications/templates/notifications/kinds/<kind>/``: ``subject.txt`` (the inbox title,
the e-mail subject and the push title), ``body.txt`` (the inbox text and the e-mail) and
``push.txt`` (the short text of a push message). They are plain text, rendered without
HTML escaping in the recipient's language (``translation.override``), so every sentence in
them is a ``{% blocktranslate %}`` and English comes from the translation catalogue.

A kind may ``prepare`` its context first (inside the recipient's language): it turns
model instances, dates and amounts into the simple values the templates show. The keys a
caller passes are listed in ``context_keys``; ``link`` (a path on the town's host, or
empty) is common to all kinds and becomes the notification's link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EMAIL = "email"
PUSH = "push"
CHANNELS = (EMAIL, PUSH)

Context = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    """One kind of notification. ``name`` is stored as the notification's reason."""

    name: str
    label: Any  # lazy: shown on the preferences page
    help_text: Any = ""
    context_keys: tuple[str, ...] = ()
    # False: the resident cannot switch it off per kind (it answers their own request);
    # the master switches of e-mail and push still apply.
    configurable: bool = True
    defaults: dict[str, bool] = field(default_factory=lambda: {EMAIL: True, PUSH: True})
    prepare: Callable[[Context], Context] | None = None

    def template(self, part: str) -> str:
        return f"notifications/kinds/{self.name}/{part}.txt"


def _date(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _pln(value: Any) -> str:
    from eurzad.finance.money import format_pln

    return format_pln(value)


def _installment(context: Context) -> Context:
    from eurzad.finance.schedules import effective_due_date

    installment = context["installment"]
    obligation = installment.obligation
    title = f"{obligation.kind.name} {obligation.year}"
    if obligation.document_number:
        title += f" ({obligation.document_number})"
    ends_on = effective_due_date(installment.due_date)
    due = _date(installment.due_date)
    if ends_on != installment.due_date:
        due += " " + _("(dzień wolny: termin upływa %(day)s)") % {"day": _date(ends_on)}
    return {
        "number": str(installment.number),
        "obligation": title,
        "party": obligation.party.display_name,
        "due": due,
        "remaining": _pln(installment.remaining),
    }


def _payment(context: Context) -> Context:
    intent = context["intent"]
    return {"amount": _pln(intent.amount), "gateway": intent.get_gateway_display()}


def _case_status(context: Context) -> Context:
    case, status = context["case"], context["status"]
    return {
        "sign": case.sign,
        "subject": case.subject,
        "status": status.name,
        "expected": case.expected_of_resident or "",
    }


def _case_letter(context: Context) -> Context:
    from eurzad.cases.models import CaseDocument

    case, document = context["case"], context["document"]
    return {
        "sign": case.sign,
        "title": document.title,
        "from_office": document.direction == CaseDocument.Direction.OUTGOING,
    }


def _access_request(context: Context) -> Context:
    access_request = context["access_request"]
    return {
        "reference": access_request.reference,
        "due": _date(access_request.due_on),
        "reason": access_request.rejection_reason,
    }


def _alert(context: Context) -> Context:
    alert = context["alert"]
    return {
        "title": alert.title,
        "message": alert.message,
        "area": alert.area,
        "severity": alert.get_severity_display(),
        "until": _date(alert.valid_until),
    }


_KINDS = [
    Kind(
        "installment_due",
        gettext_lazy("Zbliżający się termin raty"),
        gettext_lazy("Kilka dni przed terminem płatności raty podatku lub opłaty."),
        context_keys=("installment", "link"),
        prepare=_installment,
    ),
    Kind(
        "installment_overdue",
        gettext_lazy("Niezapłacona rata po terminie"),
        gettext_lazy("Gdy rata nie została zapłacona w terminie."),
        context_keys=("installment", "link"),
        prepare=_installment,
    ),
    Kind(
        "payment_confirmed",
        gettext_lazy("Potwierdzenie wpłaty"),
        gettext_lazy("Gdy bramka płatności potwierdzi Twoją wpłatę przez internet."),
        context_keys=("intent", "link"),
        prepare=_payment,
    ),
    Kind(
        "case_status_changed",
        gettext_lazy("Zmiana statusu sprawy"),
        gettext_lazy("Gdy sprawa, którą prowadzi urząd, zmieni status."),
        context_keys=("case", "status", "link"),
        prepare=_case_status,
    ),
    Kind(
        "case_letter",
        gettext_lazy("Pismo w sprawie"),
        gettext_lazy("Gdy urząd wyśle pismo w Twojej sprawie albo otrzyma Twoje pismo."),
        context_keys=("case", "document", "link"),
        prepare=_case_letter,
    ),
    Kind(
        "alert_published",
        gettext_lazy("Ostrzeżenia dla mieszkańców"),
        gettext_lazy("Pilne komunikaty urzędu, np. o burzach lub przerwach w dostawie wody."),
        context_keys=("alert", "link"),
        # Alerts are many and short-lived: push by default, e-mail only when asked for.
        defaults={EMAIL: False, PUSH: True},
        prepare=_alert,
    ),
    Kind(
        "access_request_received",
        gettext_lazy("Przyjęcie wniosku o dostęp"),
        context_keys=("access_request",),
        configurable=False,
        prepare=_access_request,
    ),
    Kind(
        "access_request_approved",
        gettext_lazy("Zatwierdzenie wniosku o dostęp"),
        context_keys=("access_request", "granted", "link"),
        configurable=False,
        prepare=_access_request,
    ),
    Kind(
        "access_request_rejected",
        gettext_lazy("Odrzucenie wniosku o dostęp"),
        context_keys=("access_request",),
        configurable=False,
        prepare=_access_request,
    ),
    Kind(
        "demo_welcome",
        gettext_lazy("Powitanie w koncie demonstracyjnym"),
        configurable=False,
        defaults={EMAIL: False, PUSH: False},
    ),
]

KINDS: dict[str, Kind] = {kind.name: kind for kind in _KINDS}


def kind_named(name: str) -> Kind:
    """The kind called ``name``; KeyError for a kind nobody registered."""
    return KINDS[name]


def configurable_kinds() -> list[Kind]:
    """The kinds a resident may switch per channel, in the order of the settings page."""
    return [kind for kind in _KINDS if kind.configurable]
