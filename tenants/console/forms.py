"""Forms of the console; validation beyond the form is in the services and models."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from eurzad.channels.models import ChannelConfig
from eurzad.finance.gateways.models import GatewayConfig
from eurzad.finance.interest.table import RATE_REGIMES, TITLES
from eurzad.identity.models import LoginGovConfig
from tenants.console.services.interest import NO_ANNOUNCEMENT, NO_THRESHOLD_SOURCE
from tenants.models import Municipality
from tenants.naming import normalise_hostname
from tenants.teryt import kind_for, validate_teryt, voivodeship_for
from themes.presets import preset_choices


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Nazwa użytkownika"), max_length=150)
    password = forms.CharField(label=_("Hasło"), widget=forms.PasswordInput)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kod z aplikacji (6 cyfr) lub kod odzyskiwania"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class UnlockForm(forms.Form):
    """Lift one lockout: the user name, and the address (empty: from every address)."""

    username = forms.CharField(label=_("Nazwa użytkownika"), max_length=255)
    ip_address = forms.GenericIPAddressField(label=_("Adres IP"), required=False)


def _hosts(value: str) -> list[str]:
    hosts = []
    for raw in value.replace(",", "\n").split():
        hosts.append(normalise_hostname(raw))
    return hosts


class OnboardForm(forms.Form):
    teryt = forms.CharField(
        label=_("Kod TERYT (7 cyfr)"), max_length=7, validators=[validate_teryt]
    )
    name = forms.CharField(label=_("Nazwa"), max_length=120)
    official_name = forms.CharField(label=_("Nazwa urzędowa"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Rodzaj gminy"),
        choices=[("", _("z kodu TERYT")), *Municipality.Kind.choices],
        required=False,
    )
    voivodeship = forms.ChoiceField(
        label=_("Województwo"),
        choices=[("", _("z kodu TERYT")), *Municipality._meta.get_field("voivodeship").choices],
        required=False,
    )
    subdomain = forms.CharField(
        label=_("Subdomena"),
        max_length=63,
        help_text=_("Np. stryszawa – gmina będzie pod stryszawa.<domena platformy>."),
    )
    custom_domains = forms.CharField(
        label=_("Własne domeny"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Po jednej w wierszu, np. eurzad.stryszawa.pl."),
    )
    theme_preset = forms.ChoiceField(label=_("Motyw"), choices=[], required=False)
    editor_email = forms.EmailField(
        label=_("E-mail pierwszego redaktora"),
        required=False,
        help_text=_("Dostanie zaproszenie z jednorazowym linkiem do ustawienia hasła."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["theme_preset"]).choices = [
            ("", _("domyślny")),
            *preset_choices(),
        ]

    def clean_custom_domains(self) -> list[str]:
        return _hosts(self.cleaned_data.get("custom_domains") or "")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        teryt = data.get("teryt")
        if teryt:
            if data.get("kind") and data["kind"] != kind_for(teryt):
                self.add_error("kind", _("Rodzaj gminy nie zgadza się z kodem TERYT."))
            if data.get("voivodeship") and data["voivodeship"] != voivodeship_for(teryt):
                self.add_error("voivodeship", _("Województwo nie zgadza się z kodem TERYT."))
        return data


class DomainsForm(forms.Form):
    domains = forms.CharField(
        label=_("Domeny"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Po jednej w wierszu; subdomena platformy i własne domeny gminy."),
    )
    primary = forms.CharField(label=_("Domena główna"), max_length=253)

    def clean_domains(self) -> list[str]:
        return _hosts(self.cleaned_data["domains"])

    def clean_primary(self) -> str:
        return normalise_hostname(self.cleaned_data["primary"])


class ConfirmNameForm(forms.Form):
    confirm_name = forms.CharField(label=_("Wpisz nazwę gminy, aby potwierdzić"), max_length=200)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Powód (do dziennika)"), max_length=500, required=False)


class RestoreForm(forms.Form):
    export = forms.ChoiceField(label=_("Archiwum"))
    schema_name = forms.CharField(
        label=_("Nazwa schematu"),
        max_length=63,
        required=False,
        help_text=_("Puste: ta sama co w archiwum."),
    )

    def __init__(self, *args: Any, exports: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["export"]).choices = [(name, name) for name in exports]


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Nazwa tokenu (do czego służy)"), max_length=100)


# --- statutory interest rates (services.interest checks the values) ------------------------


def _valid_from(help_text: Any) -> forms.DateField:
    return forms.DateField(
        label=_("Obowiązuje od"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
    )


def _source(required_message: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Źródło"),
        max_length=300,
        error_messages={"required": required_message},
        help_text=help_text,
    )


def _source_url() -> forms.URLField:
    return forms.URLField(
        label=_("Adres źródła"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Link do obwieszczenia lub cennika (nieobowiązkowy)."),
    )


class InterestRateForm(forms.Form):
    regime = forms.ChoiceField(
        label=_("Rodzaj odsetek"), choices=[(regime, TITLES[regime]) for regime in RATE_REGIMES]
    )
    valid_from = _valid_from(_("Dzień, od którego NBP zmienił stopę (podany w obwieszczeniu)."))
    rate = forms.DecimalField(
        label=_("Stawka roczna (%)"), localize=True, help_text=_("Np. 10,50.")
    )
    announcement = _source(
        NO_ANNOUNCEMENT,
        _(
            "Obwieszczenie, w którym ogłoszono stawkę, np. „Obwieszczenie Ministra Finansów "
            "z dnia … w sprawie stawki odsetek za zwłokę (M.P. 2026 poz. …)”."
        ),
    )
    source_url = _source_url()


class InterestThresholdForm(forms.Form):
    valid_from = _valid_from(_("Dzień, od którego obowiązuje nowa opłata za przesyłkę poleconą."))
    amount = forms.DecimalField(
        label=_("Kwota (zł)"),
        localize=True,
        help_text=_("Trzykrotność opłaty za przesyłkę poleconą, np. 8,70."),
    )
    announcement = _source(
        NO_THRESHOLD_SOURCE,
        _("Np. „Cennik usług pocztowych Poczty Polskiej od 1 marca 2025 r.: 3 × 2,90 zł”."),
    )
    source_url = _source_url()


# --- integrations: saved inside the town's schema (integrations.save_integration) -----------


class LoginGovForm(forms.ModelForm):
    """login.gov.pl: environment, entity id, minimum LoA. The key never leaves the town."""

    class Meta:
        model = LoginGovConfig
        fields = ["environment", "entity_id", "minimum_loa", "idp_base_url", "idp_issuer"]


class ChannelForm(forms.ModelForm):
    class Meta:
        model = ChannelConfig
        fields = ["kind", "enabled", "environment", "podmiot_id", "mailbox_name",
                  "delivery_address"]  # fmt: skip


class GatewayForm(forms.ModelForm):
    """The payment gateway; keys are write-only (empty keeps the stored one)."""

    crc_key = forms.CharField(label=_("Klucz CRC"), required=False, widget=forms.PasswordInput)
    api_key = forms.CharField(label=_("Klucz API"), required=False, widget=forms.PasswordInput)

    class Meta:
        model = GatewayConfig
        fields = ["gateway", "enabled", "environment", "merchant_id", "pos_id"]

    def save(self, commit: bool = True) -> GatewayConfig:
        config = super().save(commit=False)
        for key in ("crc_key", "api_key"):
            if self.cleaned_data.get(key):
                setattr(config, key, self.cleaned_data[key])
        if commit:
            config.save()
        return config


INTEGRATIONS: dict[str, tuple[Any, type[forms.ModelForm]]] = {
    "login-gov": (_("login.gov.pl"), LoginGovForm),
    "kanaly": (_("ePUAP / e-Doręczenia"), ChannelForm),
    "platnosci": (_("Bramka płatności"), GatewayForm),
}


def validate_not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError(_("To pole jest wymagane."))
