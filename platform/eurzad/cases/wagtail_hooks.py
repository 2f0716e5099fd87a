"""Cases in the Wagtail admin, for the town's "Sprawy" staff group: cases with their
status history and letters, and the configurable statuses."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import DeleteView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from eurzad.cases.forms import CaseDocumentForm, CaseForm, LetterDeliveryForm
from eurzad.cases.letters import deletion_refused
from eurzad.cases.models import (
    Case,
    CaseDocument,
    CaseStatus,
    CaseStatusChange,
    LetterDelivery,
)
from eurzad.core.admin_columns import listing_columns


class _KeepsSentLetters(DeleteView):
    """Refuses to delete what holds letters sent to the parties (their evidence is the
    office's record), with the reason; anything else is deleted as usual."""

    def sent_letters(self) -> QuerySet[CaseDocument]:
        raise NotImplementedError

    def form_valid(self, form: forms.Form) -> HttpResponse:
        if refusal := deletion_refused(self.sent_letters()):
            messages.error(self.request, refusal)
            return redirect(self.get_success_url())
        return super().form_valid(form)


class CaseDeleteView(_KeepsSentLetters):
    def sent_letters(self) -> QuerySet[CaseDocument]:
        return self.object.documents.all()


class CaseDocumentDeleteView(_KeepsSentLetters):
    def sent_letters(self) -> QuerySet[CaseDocument]:
        return CaseDocument.objects.filter(pk=self.object.pk)


class CaseViewSet(ModelViewSet):
    """Cases; a new case and a change of its status are recorded in its history and told
    to its people (``CaseForm`` saves through ``change_status``)."""

    model = Case
    icon = "folder-open-inverse"
    menu_label = _("Sprawy")
    copy_view_enabled = False
    delete_view_class = CaseDeleteView
    form_fields = [
        "sign",
        "jrwa_symbol",
        "subject",
        "party",
        "co_parties",
        "department",
        "officer_name",
        "officer_contact",
        "received_on",
        "legal_deadline",
        "expected_end",
        "closed_on",
        "status",
        "resident_action",
        "source",
        "external_id",
    ]
    list_display = ["sign", "subject", "party", "status", "received_on"]
    list_filter = ["status"]
    search_fields = ["sign", "subject", "external_id"]

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return forms.modelform_factory(self.model, form=CaseForm, fields=self.form_fields)


class CaseDocumentViewSet(ModelViewSet):
    """Letters and documents of cases, both ways, with attachments; a new one is told to
    the case's people (``CaseDocumentForm`` saves through ``record_letter``)."""

    model = CaseDocument
    icon = "doc-full"
    menu_label = _("Pisma w sprawach")
    copy_view_enabled = False
    delete_view_class = CaseDocumentDeleteView
    form_fields = ["case", "direction", "title", "dated", "channel", "delivery", "attachment"]
    list_display = ["title", "case", "direction", "channel", "dated"]
    list_filter = ["direction", "channel"]
    search_fields = ["title"]

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return forms.modelform_factory(self.model, form=CaseDocumentForm, fields=self.form_fields)


class LetterDeliveryInspectView(InspectView):
    def get_evidences_display_value(self) -> str:
        evidences = self.object.evidences.all()
        if not evidences:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li>{} {} – <a href="{}">{}</a></li>',
                (
                    (
                        evidence.kind,
                        localtime(evidence.issued_at).strftime("%Y-%m-%d %H:%M"),
                        evidence.file.url,
                        evidence.file_name,
                    )
                    for evidence in evidences
                ),
            ),
        )


class LetterDeliveryViewSet(ModelViewSet):
    """Where each letter of the office went and where it stands: paper letters to print
    and post, electronic ones with their evidence, failed ones to send again."""

    model = LetterDelivery
    icon = "mail"
    menu_label = _("Wysyłka pism")
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = LetterDeliveryInspectView
    inspect_view_fields = [
        "document",
        "party",
        "route",
        "recipient_address",
        "state",
        "message_id",
        "sent_at",
        "attempts",
        "last_error",
        "checked_at",
        "evidences",
    ]
    list_display = ["document", "case_sign", "party", "route", "state", "sent_at"]
    list_filter = ["route", "state"]
    search_fields = ["document__title", "document__case__sign", "message_id"]

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return LetterDeliveryForm


class CaseStatusChangeViewSet(ModelViewSet):
    model = CaseStatusChange
    icon = "history"
    menu_label = _("Historia statusów")
    copy_view_enabled = False
    form_fields = ["case", "status", "changed_at", "note"]
    list_display = ["case", "status", "changed_at"]


class CaseStatusViewSet(ModelViewSet):
    """The statuses a case can be in (the codes the CSV import names)."""

    model = CaseStatus
    icon = "tag"
    menu_label = _("Statusy spraw")
    copy_view_enabled = False
    form_fields = ["code", "name", "waiting_for_resident", "final", "resident_hint", "order"]
    list_display = listing_columns(
        CaseStatus, ["name", "code", "waiting_for_resident", "final", "order"]
    )


class CasesViewSetGroup(ModelViewSetGroup):
    menu_label = _("Sprawy")
    menu_icon = "folder-open-inverse"
    menu_order = 270
    items = (
        CaseViewSet("cases_cases"),
        CaseDocumentViewSet("cases_documents"),
        LetterDeliveryViewSet("cases_letter_deliveries"),
        CaseStatusChangeViewSet("cases_status_changes"),
        CaseStatusViewSet("cases_statuses"),
    )


@hooks.register("register_admin_viewset")
def register_cases_viewsets() -> CasesViewSetGroup:
    return CasesViewSetGroup()
