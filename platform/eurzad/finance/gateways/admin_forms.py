"""The town's payment-gateway settings form: secrets are write-only (left empty, the
stored value is kept; it is never shown back)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from eurzad.finance.gateways.models import GatewayConfig

SECRETS = {
    "crc_key": _("Klucz CRC (Przelewy24)"),
    "api_key": _("Klucz API / raportów (Przelewy24)"),
    "client_secret": _("Client secret OAuth (PayU)"),
    "second_key": _("Drugi klucz MD5 (PayU)"),
}
KEEP = _("Pozostaw puste, aby zachować zapisaną wartość.")


class GatewayConfigForm(WagtailAdminModelForm):
    api_base_url = forms.URLField(
        label=_("adres API"),
        required=False,
        assume_scheme="https",
        help_text=_("Puste: adres wynika ze środowiska (dla symulatora – z ustawień)."),
    )
    crc_key = forms.CharField(
        label=SECRETS["crc_key"],
        required=False,
        help_text=KEEP,
        widget=forms.PasswordInput(render_value=False),
    )
    api_key = forms.CharField(
        label=SECRETS["api_key"],
        required=False,
        help_text=KEEP,
        widget=forms.PasswordInput(render_value=False),
    )
    client_secret = forms.CharField(
        label=SECRETS["client_secret"],
        required=False,
        help_text=KEEP,
        widget=forms.PasswordInput(render_value=False),
    )
    second_key = forms.CharField(label=SECRETS["second_key"], required=False, help_text=KEEP,
                                 widget=forms.PasswordInput(render_value=False))  # fmt: skip

    class Meta:
        model = GatewayConfig
        fields = [
            "gateway", "enabled", "order", "environment", "api_base_url", "merchant_id",
            "pos_id", "client_id", "fee_percent", "fee_fixed",
        ]  # fmt: skip

    def save(self, commit: bool = True) -> GatewayConfig:
        config = super().save(commit=False)
        for name in SECRETS:
            if self.cleaned_data.get(name):
                setattr(config, name, self.cleaned_data[name])
        if commit:
            config.save()
        return config
