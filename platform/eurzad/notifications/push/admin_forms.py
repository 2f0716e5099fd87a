"""The town's push settings form: the FCM service-account key and the APNs .p8 key are
write-only (left empty, the stored value is kept; never shown back)."""

from __future__ import annotations

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from eurzad.notifications.push.models import PushSettings

KEEP = _("Pozostaw puste, aby zachować zapisaną wartość.")


def _private_key(pem: str, kind: type) -> bool:
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError):
        return False
    return isinstance(key, kind)


class PushSettingsForm(WagtailAdminModelForm):
    fcm_service_account = forms.CharField(
        label=_("klucz konta usługi Firebase (JSON)"),
        required=False,
        help_text=KEEP,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )
    apns_key = forms.CharField(
        label=_("klucz uwierzytelniający APNs (.p8)"),
        required=False,
        help_text=KEEP,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )

    class Meta:
        model = PushSettings
        fields = [
            "vapid_subject", "fcm_enabled", "fcm_project_id", "apns_enabled", "apns_team_id",
            "apns_key_id", "apns_topic", "apns_sandbox",
        ]  # fmt: skip

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fcm_service_account"].initial = ""
        self.fields["apns_key"].initial = ""

    def clean_fcm_service_account(self) -> str:
        text = self.cleaned_data.get("fcm_service_account", "").strip()
        if not text:
            return ""
        try:
            account = json.loads(text)
        except ValueError:
            raise forms.ValidationError(_("To nie jest plik JSON konta usługi.")) from None
        if (
            not isinstance(account, dict)
            or not account.get("client_email")
            or not (_private_key(str(account.get("private_key", "")), rsa.RSAPrivateKey))
        ):
            raise forms.ValidationError(
                _("Plik musi zawierać client_email i klucz prywatny RSA (private_key).")
            )
        return text

    def clean_apns_key(self) -> str:
        text = self.cleaned_data.get("apns_key", "").strip()
        if text and not _private_key(text, ec.EllipticCurvePrivateKey):
            raise forms.ValidationError(_("To nie jest klucz .p8 (klucz prywatny P-256)."))
        return text

    def clean(self) -> dict:
        cleaned = super().clean()
        # Set before the model's own validation, which needs to know a key is there.
        for name in ("fcm_service_account", "apns_key"):
            if cleaned.get(name):
                setattr(self.instance, name, cleaned[name])
        return cleaned
