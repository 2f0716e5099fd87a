"""The API client form of the town's admin (Ustawienia → Klienci API).

The key is never a field: it is made when the client is created (or its key rotated)
and shown once on the page that follows. The webhook secret is write-only: left empty,
the stored one is kept, and it is never shown back."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from api.models import ApiClient, Event, Scope, validate_networks

KEEP = _("Pozostaw puste, aby zachować zapisaną wartość.")


class ApiClientForm(WagtailAdminModelForm):
    webhook_url = forms.URLField(
        label=_("adres webhooków"), required=False, assume_scheme="https", max_length=500
    )
    scopes = forms.MultipleChoiceField(
        label=_("zakresy"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    allowed_ips = forms.CharField(
        label=_("dozwolone adresy IP"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Jeden adres lub sieć CIDR w wierszu, np. 10.0.0.0/8. Puste: każdy adres."),
    )
    webhook_events = forms.MultipleChoiceField(
        label=_("zdarzenia webhooków"),
        choices=Event.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    webhook_secret = forms.CharField(
        label=_("sekret webhooków"),
        required=False,
        help_text=KEEP,
        widget=forms.PasswordInput(render_value=False),
    )
    rotate_key = forms.BooleanField(
        label=_("wygeneruj nowy klucz"),
        required=False,
        help_text=_("Stary klucz przestanie działać od razu; nowy zobaczysz raz."),
    )
    revoke = forms.BooleanField(
        label=_("unieważnij klienta"),
        required=False,
        help_text=_("Klucz przestanie działać od razu; tego nie można cofnąć."),
    )

    class Meta:
        model = ApiClient
        fields = ["name", "source", "webhook_url"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.issued_key = ""
        instance = self.instance
        if instance.pk:
            self.initial.setdefault("scopes", instance.scopes)
            self.initial.setdefault("allowed_ips", "\n".join(instance.allowed_ips))
            self.initial.setdefault("webhook_events", instance.webhook_events)
            if instance.is_revoked:
                del self.fields["revoke"], self.fields["rotate_key"]
        else:
            del self.fields["revoke"], self.fields["rotate_key"]

    def clean_allowed_ips(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["allowed_ips"].splitlines()]
        networks = [line for line in lines if line]
        try:
            validate_networks(networks)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return networks

    def save(self, commit: bool = True) -> ApiClient:
        client = super().save(commit=False)
        client.scopes = sorted(self.cleaned_data["scopes"])
        client.allowed_ips = self.cleaned_data["allowed_ips"]
        client.webhook_events = sorted(self.cleaned_data["webhook_events"])
        if self.cleaned_data.get("webhook_secret"):
            client.webhook_secret = self.cleaned_data["webhook_secret"]
        if not client.pk or self.cleaned_data.get("rotate_key"):
            self.issued_key = client.new_key()
        if self.cleaned_data.get("revoke"):
            client.revoked_at = timezone.now()
        if commit:
            client.save()
        return client
