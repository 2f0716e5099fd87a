"""Forms of the access request (Wniosek o dostęp) filed in the portal."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from eurzad.identity.models import Representation
from eurzad.parties.identifiers import normalise_nip, normalise_pesel, validate_nip, validate_pesel
from eurzad.parties.models import Party

ALLOWED_DOCUMENTS = {".pdf", ".jpg", ".jpeg", ".png", ".xml", ".xades"}


class ContactForm(forms.Form):
    email = forms.EmailField(
        label=_("Adres e-mail"),
        help_text=_("Na ten adres wyślemy odpowiedź na wniosek."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Telefon (nieobowiązkowo)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    street = forms.CharField(
        label=_("Ulica i numer"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.RegexField(
        label=_("Kod pocztowy"),
        required=False,
        regex=r"^\d{2}-\d{3}$",
        error_messages={"invalid": _("Kod pocztowy w formacie 00-000.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("Miejscowość"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    remarks = forms.CharField(
        label=_("Uwagi dla urzędu (nieobowiązkowo)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AuthorisationForm(forms.Form):
    """Optional: a person or firm the applicant wants to act for, with the authorisation."""

    kind = forms.ChoiceField(label=_("Rodzaj"), choices=Party.Kind.choices, initial="natural")
    name = forms.CharField(label=_("Imię i nazwisko albo nazwa firmy"), max_length=300)
    identifier = forms.CharField(
        label=_("PESEL osoby albo NIP firmy"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    scope = forms.ChoiceField(
        label=_("Zakres"), choices=Representation.Scope.choices, initial="view"
    )
    valid_until = forms.DateField(
        label=_("Ważne do (nieobowiązkowo)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    document = forms.FileField(
        label=_("Pełnomocnictwo lub inny dokument (PDF, JPG, PNG, XML; do 5 MB)"),
        required=False,
    )

    def clean_identifier(self) -> str:
        return self.cleaned_data["identifier"].strip()

    def clean_document(self) -> UploadedFile | None:
        document = self.cleaned_data.get("document")
        if document is None:
            return None
        suffix = "." + document.name.rsplit(".", 1)[-1].lower() if "." in document.name else ""
        if suffix not in ALLOWED_DOCUMENTS:
            raise ValidationError(_("Dozwolone pliki: PDF, JPG, PNG, XML."))
        if document.size > settings.FILE_UPLOAD_MAX_MEMORY_SIZE:
            raise ValidationError(_("Plik jest większy niż 5 MB."))
        return document

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        identifier = cleaned.get("identifier", "")
        kind = cleaned.get("kind")
        if not identifier or not kind:
            return cleaned
        natural = kind == Party.Kind.NATURAL
        try:  # the validators' messages are bilingual and never echo the number
            (validate_pesel if natural else validate_nip)(identifier)
        except ValidationError as error:
            raise ValidationError({"identifier": error.messages}) from None
        cleaned["pesel"] = normalise_pesel(identifier) if natural else ""
        cleaned["nip"] = "" if natural else normalise_nip(identifier)
        return cleaned


AuthorisationFormSet = formset_factory(AuthorisationForm, extra=1, max_num=5, validate_max=True)
