"""The resident's notification settings: a language and, per kind, e-mail and push."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from eurzad.notifications.kinds import EMAIL, PUSH, Kind, configurable_kinds
from eurzad.notifications.models import NotificationPreferences
from eurzad.notifications.preferences import Choice


def field_name(kind: Kind, channel: str) -> str:
    return f"{kind.name}-{channel}"


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Język powiadomień"),
        choices=NotificationPreferences.Language.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Wybierz język powiadomień."),
            "invalid_choice": _("Wybierz język z listy: polski albo angielski."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in configurable_kinds():
            self.fields[field_name(kind, EMAIL)] = forms.BooleanField(
                label=_("e-mailem"), required=False
            )
            self.fields[field_name(kind, PUSH)] = forms.BooleanField(
                label=_("powiadomieniem push (telefon, przeglądarka)"), required=False
            )

    @classmethod
    def initial_from(cls, language: str, choices: list[Choice]) -> dict[str, Any]:
        initial: dict[str, Any] = {"language": language}
        for choice in choices:
            initial[field_name(choice.kind, EMAIL)] = choice.email
            initial[field_name(choice.kind, PUSH)] = choice.push
        return initial

    def kinds(self) -> list[tuple[Kind, BoundField, BoundField]]:
        """Each configurable kind with its two checkboxes, in the page's order."""
        return [
            (kind, self[field_name(kind, EMAIL)], self[field_name(kind, PUSH)])
            for kind in configurable_kinds()
        ]

    def chosen(self) -> dict[str, dict[str, bool]]:
        return {
            kind.name: {
                EMAIL: self.cleaned_data[field_name(kind, EMAIL)],
                PUSH: self.cleaned_data[field_name(kind, PUSH)],
            }
            for kind in configurable_kinds()
        }
