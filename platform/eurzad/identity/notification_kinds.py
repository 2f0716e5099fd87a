"""The notifications identity sends: about an access request, and the demo's welcome."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from eurzad.notifications.kinds import EMAIL, PUSH, Context, Kind, date_text, register


def _access_request(context: Context) -> Context:
    access_request = context["access_request"]
    return {
        "reference": access_request.reference,
        "due": date_text(access_request.due_on),
        "reason": access_request.rejection_reason,
    }


def register_kinds() -> None:
    for name, label, keys in (
        ("access_request_received", gettext_lazy("Przyjęcie wniosku o dostęp"),
         ("access_request",)),
        ("access_request_approved", gettext_lazy("Zatwierdzenie wniosku o dostęp"),
         ("access_request", "granted", "link")),
        ("access_request_rejected", gettext_lazy("Odrzucenie wniosku o dostęp"),
         ("access_request",)),
    ):  # fmt: skip
        register(Kind(name, label, context_keys=keys, configurable=False, prepare=_access_request))
    register(
        Kind(
            "demo_welcome",
            gettext_lazy("Powitanie w koncie demonstracyjnym"),
            configurable=False,
            defaults={EMAIL: False, PUSH: False},
        )
    )
