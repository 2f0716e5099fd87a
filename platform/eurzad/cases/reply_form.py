"""The resident's form "Odpowiedz urzędowi": the text and up to five files, checked by the
rules of :mod:`eurzad.cases.replies` (which the use case checks again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eurzad.cases.replies import (
    FILE_KINDS,
    MAX_FILE_MB,
    MAX_FILES,
    MAX_TEXT,
    ReplyRefused,
    checked_attachment,
    checked_text,
)
from eurzad.core.uploads import accept_attribute
from eurzad.identity.account.forms import DescribedErrorsMixin


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; its value is a list (empty: none chosen)."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        chosen = data if isinstance(data, list | tuple) else [data] if data else []
        return [single(each, initial) for each in chosen if each]


class ReplyForm(DescribedErrorsMixin, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Treść odpowiedzi"),
        error_messages={"required": gettext_lazy("Wpisz treść odpowiedzi.")},
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": MAX_TEXT}),
    )
    attachments = MultipleFileField(
        label=gettext_lazy("Załączniki"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": accept_attribute(FILE_KINDS)}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Here, not on the fields: the numbers go into the request's language.
        self.fields["text"].help_text = _(
            "Napisz, co odpowiadasz urzędowi. Najwyżej %(max)s znaków."
        ) % {"max": MAX_TEXT}
        self.fields["attachments"].help_text = _(
            "Najwyżej %(files)s plików, każdy do %(mb)s MB: PDF, JPG, PNG lub XML. Kilka "
            "plików wybierzesz naraz, przytrzymując Ctrl (na Macu Cmd)."
        ) % {"files": MAX_FILES, "mb": MAX_FILE_MB}

    def clean_text(self) -> str:
        try:
            return checked_text(self.cleaned_data.get("text", ""))
        except ReplyRefused as refusal:
            raise forms.ValidationError(refusal.message) from None

    def clean_attachments(self) -> list[UploadedFile]:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("Możesz dołączyć najwyżej %(max)s plików (wybrano %(count)s).")
                % {"max": MAX_FILES, "count": len(files)}
            )
        errors = []
        for upload in files:
            try:
                checked_attachment(upload)
            except ReplyRefused as refusal:
                errors.append(refusal.message)
        if errors:
            raise forms.ValidationError(errors)
        return files

    @property
    def files_to_choose_again(self) -> bool:
        """Files were chosen but the form goes back: the browser does not keep them."""
        return self.is_bound and bool(self.files.getlist(self.add_prefix("attachments")))
