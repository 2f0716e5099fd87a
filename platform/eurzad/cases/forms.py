"""Admin forms of cases and their letters. Saving goes through the use cases in
``eurzad.cases.services``, so a status change or a letter made by staff in the admin is
recorded and told to the case's people exactly as one from the import is."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from eurzad.cases.models import Case, CaseDocument
from eurzad.cases.services import change_status, record_letter
from eurzad.parties.models import Party
from eurzad.parties.views import PartyChooserWidget


class CaseForm(WagtailAdminModelForm):
    # Co-parties: the chosen ones as checkboxes (untick to remove) and one more added
    # through the chooser; a select over every Party of the town would not load.
    add_co_party = forms.ModelChoiceField(
        label=_("dodaj stronę"),
        queryset=Party.objects.all(),
        required=False,
        widget=PartyChooserWidget,
        help_text=_("Kolejna strona sprawy; pozostałe strony odznacz powyżej, aby je usunąć."),
    )
    status_note = forms.CharField(
        label=_("uwagi do zmiany statusu"),
        max_length=300,
        required=False,
        help_text=_("Zapisywane w historii statusów sprawy, gdy zmieniasz status."),
    )

    class Meta:
        model = Case
        fields = "__all__"
        widgets = {"party": PartyChooserWidget}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        co_parties = self.fields.get("co_parties")
        if co_parties is None:
            del self.fields["add_co_party"]
            return
        co_parties.widget = forms.CheckboxSelectMultiple()
        chosen = self.instance.co_parties.all() if self.instance.pk else Party.objects.none()
        co_parties.widget.choices = [(party.pk, str(party)) for party in chosen]
        order = list(self.fields)
        order.remove("add_co_party")
        order.insert(order.index("co_parties") + 1, "add_co_party")
        self.order_fields(order)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if extra := data.get("add_co_party"):
            data["co_parties"] = [*data.get("co_parties", []), extra]
        return data

    def save(self, commit: bool = True) -> Case:
        if not commit:
            return super().save(commit=False)
        status = self.cleaned_data["status"]
        adding = self.instance._state.adding
        previous = None if adding else self.initial.get("status")
        if not adding and previous == status.pk:
            return super().save()
        if previous is not None:
            # The plain save keeps the old status: the service records the new one.
            self.instance.status_id = previous
        case = super().save()
        change_status(case, status, note=self.cleaned_data.get("status_note", ""))
        return case


class CaseDocumentForm(WagtailAdminModelForm):
    class Meta:
        model = CaseDocument
        fields = "__all__"

    def save(self, commit: bool = True) -> CaseDocument:
        if not commit or not self.instance._state.adding:
            return super().save(commit=commit)
        # A new letter: saved and notified by the use case (it notifies letters both
        # ways); editing one later (e.g. its delivery state) notifies nobody again.
        return record_letter(self.cleaned_data["case"], self.instance)
