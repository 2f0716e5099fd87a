"""Cases in the Wagtail admin, for the town's "Sprawy" staff group: cases with their
status history and letters, and the configurable statuses."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from eurzad.cases.forms import CaseDocumentForm, CaseForm
from eurzad.cases.models import Case, CaseDocument, CaseStatus, CaseStatusChange


class CaseViewSet(ModelViewSet):
    """Cases; a new case and a change of its status are recorded in its history and told
    to its people (``CaseForm`` saves through ``change_status``)."""

    model = Case
    icon = "folder-open-inverse"
    menu_label = _("Sprawy")
    copy_view_enabled = False
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
    form_fields = ["case", "direction", "title", "dated", "channel", "delivery", "attachment"]
    list_display = ["title", "case", "direction", "channel", "dated"]
    list_filter = ["direction", "channel"]
    search_fields = ["title"]

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return forms.modelform_factory(self.model, form=CaseDocumentForm, fields=self.form_fields)


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
    list_display = ["name", "code", "waiting_for_resident", "final", "order"]


class CasesViewSetGroup(ModelViewSetGroup):
    menu_label = _("Sprawy")
    menu_icon = "folder-open-inverse"
    menu_order = 270
    items = (
        CaseViewSet("cases_cases"),
        CaseDocumentViewSet("cases_documents"),
        CaseStatusChangeViewSet("cases_status_changes"),
        CaseStatusViewSet("cases_statuses"),
    )


@hooks.register("register_admin_viewset")
def register_cases_viewsets() -> CasesViewSetGroup:
    return CasesViewSetGroup()
