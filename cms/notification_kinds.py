"""The notification the town's alerts send."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from eurzad.notifications.kinds import EMAIL, PUSH, Context, Kind, date_text, register


def _alert(context: Context) -> Context:
    alert = context["alert"]
    return {
        "title": alert.title,
        "message": alert.message,
        "area": alert.area,
        "severity": alert.get_severity_display(),
        "heading": alert.labelled_title,
        "until": date_text(alert.valid_until),
    }


def register_kinds() -> None:
    register(
        Kind(
            "alert_published",
            gettext_lazy("Ostrzeżenia dla mieszkańców"),
            gettext_lazy("Pilne komunikaty urzędu, np. o burzach lub przerwach w dostawie wody."),
            context_keys=("alert", "link"),
            # Alerts are many and short-lived: push by default, e-mail only when asked for.
            defaults={EMAIL: False, PUSH: True},
            prepare=_alert,
            position=60,
        )
    )
