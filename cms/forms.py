"""Spam protection for public forms without any third-party service.

The checks themselves are :mod:`eurzad.core.spam` (the e-services' anonymous reports use
them too); this is the Wagtail form that applies them.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from eurzad.core.spam import HONEYPOT, STAMP, form_stamp, stamp_problem, too_many_submissions

__all__ = ["HONEYPOT", "STAMP", "SpamProtectedForm", "form_stamp", "too_many_submissions"]


class SpamProtectedForm(BaseForm):
    rate_limited = False

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT] = forms.CharField(
            required=False, label=_("Nie wypełniaj tego pola"), max_length=200
        )
        self.fields[STAMP] = forms.CharField(required=False, widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial[STAMP] = form_stamp()

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.rate_limited:
            raise forms.ValidationError(
                _("Wysłano zbyt wiele formularzy z tego adresu. Spróbuj ponownie za godzinę."),
                code="rate_limited",
            )
        problem = stamp_problem(cleaned.pop(STAMP, ""), cleaned.pop(HONEYPOT, ""))
        if problem is not None:
            code, message = problem
            raise forms.ValidationError(message, code=code)
        return cleaned

    def visible_fields_without_honeypot(self) -> list:
        return [field for field in self.visible_fields() if field.name != HONEYPOT]


class FeedbackFormBuilder(FormBuilder):
    def get_form_class(self) -> type[SpamProtectedForm]:
        return type("FeedbackForm", (SpamProtectedForm,), self.formfields)
