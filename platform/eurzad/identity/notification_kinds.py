"""The notifications identity sends: about an access request, to a person someone else
acts for (eurzad.identity.represented), and the demo's welcome."""

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


def _mandate(context: Context) -> Context:
    from eurzad.identity.represented import representative_name

    mandate = context["representation"]
    return {
        "representative": representative_name(mandate.resident),
        "scope": mandate.get_scope_display(),
        "since": date_text(mandate.valid_from),
        "until": date_text(mandate.valid_until) if mandate.valid_until else "",
    }


def _acted_for(context: Context) -> Context:
    return {"representative": context["representative"], "day": date_text(context["day"])}


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
    # Told to the represented person whatever their choices: someone acts in their name.
    register(
        Kind(
            "mandate_granted",
            gettext_lazy("Upoważnienie do działania w Twoim imieniu"),
            context_keys=("representation",),
            configurable=False,
            prepare=_mandate,
        )
    )
    register(
        Kind(
            "acted_for",
            gettext_lazy("Przeglądanie Twoich danych przez pełnomocnika"),
            context_keys=("representative", "day"),
            configurable=False,
            prepare=_acted_for,
        )
    )
    register(
        Kind(
            "demo_welcome",
            gettext_lazy("Powitanie w koncie demonstracyjnym"),
            configurable=False,
            defaults={EMAIL: False, PUSH: False},
        )
    )
