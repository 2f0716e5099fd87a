"""Editors make the town's forms in the Wagtail admin (drafts, versions, preview) and
set the constants the forms' formulas use."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogActionRegistry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from eurzad.core.admin_columns import listing_columns
from eurzad.eservices.admin_views import SubmissionViewSet
from eurzad.eservices.models import EServiceForm, FormConstant
from eurzad.eservices.shipped import SHIPPED_ACTION


class EServiceFormViewSet(SnippetViewSet):
    model = EServiceForm
    icon = "form"
    menu_label = _("Formularze")
    list_display = listing_columns(EServiceForm, ["name", "service", "jrwa_symbol", "anonymous"])
    search_fields = ["name", "case_subject"]


class FormConstantViewSet(SnippetViewSet):
    model = FormConstant
    icon = "order"
    menu_label = _("Stałe formularzy")
    list_display = listing_columns(FormConstant, ["key", "value", "label", "source"])


class EServicesViewSetGroup(SnippetViewSetGroup):
    items = (EServiceFormViewSet, FormConstantViewSet)
    menu_icon = "form"
    menu_label = _("E-usługi")
    menu_name = "eservices"


register_snippet(EServicesViewSetGroup)


@hooks.register("register_admin_viewset")
def register_applications() -> SubmissionViewSet:
    return SubmissionViewSet("eservices_submissions")


@hooks.register("register_admin_menu_item")
def applications_menu_item() -> MenuItem:
    return ApplicationsMenuItem(
        _("Wnioski z e-Urzędu"), reverse("eservices_submissions:index"), icon_name="form",
        order=265, name="eservices-submissions",
    )  # fmt: skip


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm("eservices.view_submission")


@hooks.register("register_log_actions")
def register_shipped_action(actions: LogActionRegistry) -> None:
    # The history of a shipped form starts with it: the platform made it from a template.
    actions.register_action(
        SHIPPED_ACTION, _("Utwórz z wzoru platformy"), _("Utworzono z wzoru platformy")
    )
