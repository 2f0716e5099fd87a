"""The admin form of a channel configuration: the private key is write-only."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from eurzad.core.xmlsecurity.keys import load_private_key, public_key_to_pem


class ChannelConfigForm(WagtailAdminModelForm):
    new_private_key = forms.CharField(
        label=_("nowy klucz prywatny systemu (PEM)"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        help_text=_(
            "Zapisany klucz nigdy nie jest pokazywany. Wklej nowy tylko razem z jego "
            "certyfikatem; puste pole zostawia obecny klucz."
        ),
    )

    def clean_system_certificate(self) -> str:
        pem = self.cleaned_data["system_certificate"].strip()
        try:
            certificate = x509.load_pem_x509_certificate(pem.encode())
        except ValueError:
            raise forms.ValidationError(_("To nie jest certyfikat PEM.")) from None
        if not isinstance(certificate.public_key(), rsa.RSAPublicKey):
            raise forms.ValidationError(_("ePUAP wymaga certyfikatu RSA."))
        return pem + "\n"

    def clean(self) -> dict:
        cleaned = super().clean()
        key_pem = cleaned.get("new_private_key")
        certificate_pem = cleaned.get("system_certificate")
        if not key_pem and not self.instance.pk:
            self.add_error(
                "new_private_key",
                _("Podaj klucz prywatny systemu."),
            )
        elif key_pem and certificate_pem:
            try:
                key = load_private_key(key_pem)
            except (ValueError, TypeError):
                self.add_error(
                    "new_private_key",
                    _("To nie jest klucz prywatny PEM bez hasła."),
                )
                return cleaned
            certificate = x509.load_pem_x509_certificate(certificate_pem.encode())
            if public_key_to_pem(key.public_key()) != public_key_to_pem(certificate.public_key()):
                self.add_error(
                    "new_private_key",
                    _("Klucz nie pasuje do certyfikatu systemu."),
                )
        elif certificate_pem and certificate_pem.strip() != self._stored_certificate().strip():
            self.add_error(
                "new_private_key",
                _("Nowy certyfikat wymaga nowego klucza prywatnego."),
            )
        return cleaned

    def _stored_certificate(self) -> str:
        # From the database: model validation may already have copied the new value
        # onto the instance.
        if not self.instance.pk:
            return ""
        stored = (
            type(self.instance)
            .objects.filter(pk=self.instance.pk)
            .values_list("system_certificate", flat=True)
            .first()
        )
        return stored or ""

    def save(self, commit: bool = True):
        config = super().save(commit=False)
        if self.cleaned_data.get("new_private_key"):
            config.system_private_key = self.cleaned_data["new_private_key"].strip() + "\n"
        if commit:
            config.save()
        return config
