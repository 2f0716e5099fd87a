"""Forms of the resident area. Error messages are Polish first, English in parentheses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    _Form = forms.Form  # the mixin goes on forms
else:
    _Form = object


class DescribedErrorsMixin(_Form):
    """Points each invalid field's ``aria-describedby`` at its error text (and its help),
    so a screen reader reads the error with the field."""

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.errors:  # filled by now: add_error reads them first
            if name not in self.fields:
                continue
            form_field = self.fields[name]
            auto_id = self[name].auto_id
            described = [f"{auto_id}_error"]
            if form_field.help_text:
                described.append(f"{auto_id}_helptext")
            form_field.widget.attrs["aria-describedby"] = " ".join(described)


PIN_ATTRS = {"autocomplete": "off", "inputmode": "numeric", "maxlength": "8", "size": "10"}


class ContactPreferencesForm(DescribedErrorsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Adres e-mail"),
        required=False,
        max_length=254,
        help_text=_("Na ten adres wyślemy powiadomienia, jeśli tego chcesz."),
        error_messages={
            "invalid": _("Podaj poprawny adres e-mail, np. jan.kowalski@example.pl."),
            "max_length": _("Adres e-mail jest za długi."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    notify_by_email = forms.BooleanField(label=_("Powiadomienia e-mailem"), required=False)
    notify_by_push = forms.BooleanField(
        label=_("Powiadomienia w aplikacji mobilnej"), required=False
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if (
            cleaned.get("notify_by_email")
            and not cleaned.get("email")
            and "email" not in (self.errors)
        ):
            self.add_error(
                "email",
                _("Podaj adres e-mail, aby dostawać powiadomienia e-mailem."),
            )
        return cleaned


class PinForm(DescribedErrorsMixin, forms.Form):
    """The PIN typed twice; its rules (4–8 digits, not too simple) are set_pin's."""

    pin = forms.CharField(
        label=_("Nowy PIN"),
        help_text=_("Od 4 do 8 cyfr."),
        strip=False,
        max_length=8,
        error_messages={
            "required": _("Wpisz PIN."),
            "max_length": _("PIN musi mieć od 4 do 8 cyfr."),
        },
        widget=forms.PasswordInput(attrs=PIN_ATTRS),
    )
    pin_again = forms.CharField(
        label=_("Powtórz PIN"),
        strip=False,
        max_length=8,
        error_messages={
            "required": _("Wpisz PIN jeszcze raz."),
            "max_length": _("PIN musi mieć od 4 do 8 cyfr."),
        },
        widget=forms.PasswordInput(attrs=PIN_ATTRS),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        pin, again = cleaned.get("pin"), cleaned.get("pin_again")
        if pin and again and pin != again:
            self.add_error(
                "pin_again",
                _("Wpisane PIN-y się różnią."),
            )
        return cleaned
