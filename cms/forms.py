"""Spam protection for public forms without any third-party service.

Three checks: a honeypot field that people never see, a signed timestamp (a form sent
within seconds of being shown, or days later, is refused) and a per-address rate limit.
"""

from __future__ import annotations

import hashlib
import time

from django import forms
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

HONEYPOT = "eurzad_hp"
STAMP = "eurzad_ts"
MIN_SECONDS = 3
MAX_SECONDS = 24 * 3600
SUBMISSIONS_PER_HOUR = 10
_SALT = "eurzad.cms.forms.stamp"


def form_stamp() -> str:
    return signing.dumps(time.time(), salt=_SALT)


def too_many_submissions(request: HttpRequest, scope: str) -> bool:
    """Count a submission from this address; True past the hourly limit."""
    address = request.META.get("REMOTE_ADDR", "")
    key = f"form-rate:{scope}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"
    if cache.add(key, 1, timeout=3600):
        return False
    try:
        return cache.incr(key) > SUBMISSIONS_PER_HOUR
    except ValueError:
        return False


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
        if cleaned.pop(HONEYPOT, ""):
            raise forms.ValidationError(_("Nie udało się wysłać formularza."), code="spam")
        try:
            sent = signing.loads(cleaned.pop(STAMP, ""), salt=_SALT, max_age=MAX_SECONDS)
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                _("Formularz wygasł. Wyślij go ponownie – wpisane dane zostały zachowane."),
                code="expired",
            ) from exc
        if time.time() - float(sent) < MIN_SECONDS:
            raise forms.ValidationError(
                _("Formularz wysłano zbyt szybko. Sprawdź odpowiedzi i wyślij ponownie."),
                code="too_fast",
            )
        return cleaned

    def visible_fields_without_honeypot(self) -> list:
        return [field for field in self.visible_fields() if field.name != HONEYPOT]


class FeedbackFormBuilder(FormBuilder):
    def get_form_class(self) -> type[SpamProtectedForm]:
        return type("FeedbackForm", (SpamProtectedForm,), self.formfields)
