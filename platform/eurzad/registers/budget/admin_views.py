"""Uploading a budget CSV in the Wagtail admin (the same import as ``import_budget``)."""

from __future__ import annotations

import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from eurzad.registers.budget.imports import ImportFileError, import_budget
from eurzad.registers.budget.models import BudgetYear

IMPORT_PERMISSION = "budget.import_budgetline"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class BudgetImportForm(forms.Form):
    year = forms.IntegerField(label=_("Rok budżetowy"), min_value=1999, max_value=2100)
    status = forms.ChoiceField(
        label=_("Stan"), choices=[("", _("bez zmian")), *BudgetYear.Status.choices], required=False
    )
    resolution_number = forms.CharField(label=_("Numer uchwały"), max_length=60, required=False)
    resolution_date = forms.DateField(label=_("Data uchwały"), required=False)
    file = forms.FileField(
        label=_("Plik CSV"), help_text=_("UTF-8, separator ';', wiersz nagłówka.")
    )
    dry_run = forms.BooleanField(label=_("Tylko sprawdź, nic nie zapisuj"), required=False)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Plik jest za duży, najwyżej 5 MB."))
        return upload


def budget_import(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    report = None
    error = ""
    if request.method == "POST":
        form = BudgetImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                text = data["file"].read().decode("utf-8-sig")
            except UnicodeDecodeError:
                error = str(_("Plik nie jest w UTF-8."))
            else:
                try:
                    report = import_budget(
                        io.StringIO(text, newline=""),
                        year=data["year"],
                        status=data["status"] or None,
                        resolution_number=data["resolution_number"].strip(),
                        resolution_date=data["resolution_date"],
                        dry_run=data["dry_run"],
                    )
                except ImportFileError as file_error:
                    error = str(file_error)
    else:
        form = BudgetImportForm()
    return render(
        request,
        "budget/admin/import.html",
        {"form": form, "report": report, "error": error, "page_title": _("Import budżetu")},
    )
