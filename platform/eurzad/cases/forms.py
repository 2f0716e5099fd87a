"""Admin forms of cases and their letters. Saving goes through the use cases in
``eurzad.cases.services``, so a status change or a letter made by staff in the admin is
recorded and told to the case's people exactly as one from the import is."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from eurzad.cases.letters import change_delivery_state, dispatch_letter, state_change_refused
from eurzad.cases.models import Case, CaseDocument, LetterDelivery
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
    send_to_parties = forms.BooleanField(
        label=_("wyślij stronom"),
        required=False,
        help_text=_(
            "Pismo urzędu trafi do każdej strony sprawy: na adres do doręczeń "
            "elektronicznych, a gdy go nie ma – do skrytki ePUAP. Stronom bez adresu "
            "elektronicznego pismo trzeba wysłać pocztą (lista „Wysyłka pism”)."
        ),
    )

    class Meta:
        model = CaseDocument
        fields = "__all__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.deliveries.exists():
            # Sent: what the parties received (and the evidence attests) stays as it was;
            # its delivery comes from the deliveries. Only a party added since can be sent it.
            for name, field in self.fields.items():
                if name != "send_to_parties":
                    field.disabled = True
            self.fields["send_to_parties"].help_text = _(
                "Pismo zostało już wysłane; zaznacz, aby wysłać je stronom dodanym później."
            )

    def _parties_without_it(self) -> bool:
        case = self.instance.case
        parties = {case.party_id, *case.co_parties.values_list("pk", flat=True)}
        sent = set(self.instance.deliveries.values_list("party_id", flat=True))
        return bool(parties - sent)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("send_to_parties"):
            return data
        if data.get("direction") != CaseDocument.Direction.OUTGOING:
            self.add_error("send_to_parties", _("Wysłać stronom można tylko pismo od urzędu."))
        elif not data.get("attachment"):
            self.add_error("attachment", _("Dołącz plik pisma, aby wysłać je stronom."))
        elif (
            self.instance.pk
            and self.instance.deliveries.exists()
            and not self._parties_without_it()
        ):
            self.add_error("send_to_parties", _("To pismo zostało już wysłane wszystkim stronom."))
        return data

    @transaction.atomic
    def save(self, commit: bool = True) -> CaseDocument:
        if not commit:
            return super().save(commit=False)
        if self.instance._state.adding:
            # A new letter: saved and notified by the use case (it notifies letters both
            # ways); editing one later (e.g. its delivery state) notifies nobody again.
            document = record_letter(self.cleaned_data["case"], self.instance)
        else:
            document = super().save()
        if self.cleaned_data.get("send_to_parties"):
            dispatch_letter(document)
        return document


class LetterDeliveryForm(WagtailAdminModelForm):
    """Staff change only the state: a paper letter posted, delivered or returned, or a
    failed electronic letter sent again (``change_delivery_state``)."""

    class Meta:
        model = LetterDelivery
        fields = ["state"]

    def clean_state(self) -> str:
        state = self.cleaned_data["state"]
        previous = LetterDelivery.objects.get(pk=self.instance.pk)
        if refusal := state_change_refused(previous, state):
            raise forms.ValidationError(refusal)
        return state

    def save(self, commit: bool = True) -> LetterDelivery:
        previous = LetterDelivery.objects.get(pk=self.instance.pk)
        return change_delivery_state(previous, self.cleaned_data["state"])
