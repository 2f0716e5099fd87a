"""The budget in the Wagtail admin, for the town's "Budżet" staff group: budget years
(editable), their lines (read only: they come from the CSV import) and the import."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from eurzad.registers.budget import admin_views
from eurzad.registers.budget.models import BudgetLine, BudgetYear


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Lines change only through the import, so the admin never adds, edits or deletes."""

    def user_has_permission(self, user: AbstractBaseUser | AnonymousUser, action: str) -> bool:
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(BudgetLine, ReadOnlyPermissionPolicy(BudgetLine))


class BudgetYearViewSet(ModelViewSet):
    model = BudgetYear
    icon = "date"
    menu_label = _("Lata budżetowe")
    copy_view_enabled = False
    form_fields = ["year", "status", "resolution_number", "resolution_date"]
    list_display = ["year", "status", "resolution_number", "resolution_date", "updated_at"]


class BudgetLineViewSet(ModelViewSet):
    model = BudgetLine
    icon = "list-ul"
    menu_label = _("Pozycje budżetu")
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = [
        "budget_year",
        "side",
        "dzial",
        "rozdzial",
        "paragraf",
        "description",
        "planned",
        "executed",
    ]
    list_display = [
        "budget_year",
        "side",
        "rozdzial",
        "paragraf",
        "description",
        "planned",
        "executed",
    ]
    list_filter = ["budget_year", "side", "dzial"]
    search_fields = ["description", "rozdzial", "paragraf"]
    list_per_page = 100


class BudgetViewSetGroup(ModelViewSetGroup):
    menu_label = _("Budżet")
    menu_icon = "table"
    menu_order = 270
    items = (BudgetYearViewSet("budget_years"), BudgetLineViewSet("budget_lines"))


@hooks.register("register_admin_viewset")
def register_budget_viewsets() -> BudgetViewSetGroup:
    return BudgetViewSetGroup()


@hooks.register("register_admin_urls")
def register_budget_import_url() -> list:
    return [path("budzet/import/", admin_views.budget_import, name="budget_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(admin_views.IMPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_budget_import_menu_item() -> MenuItem:
    return ImportMenuItem(
        _("Import budżetu"), reverse("budget_import"), icon_name="upload", order=271
    )
