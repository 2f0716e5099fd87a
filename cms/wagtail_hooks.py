"""Snippets editors manage in the admin (alerts and the service catalogue's taxonomy),
and the page chooser's listing without queries per row."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.query import PageQuerySet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Alert, LifeSituation, ServiceCategory


class AlertViewSet(SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("Ostrzeżenia")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "severity", "area", "valid_from", "valid_until"]
    list_filter = ["severity"]
    search_fields = ["title", "message"]


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]


class LifeSituationViewSet(SnippetViewSet):
    model = LifeSituation
    icon = "user"
    list_display = ["name", "slug"]


class ServiceCatalogueViewSetGroup(SnippetViewSetGroup):
    items = (ServiceCategoryViewSet, LifeSituationViewSet)
    menu_icon = "list-ul"
    menu_label = _("Katalog usług")
    menu_name = "service-catalogue"


register_snippet(AlertViewSet)
register_snippet(ServiceCatalogueViewSetGroup)


@hooks.register("construct_page_chooser_queryset")
def page_statuses_in_bulk(pages: PageQuerySet, request: HttpRequest) -> PageQuerySet:
    """The chooser shows each page's status ("live", "scheduled", "in moderation"):
    Wagtail's explorer reads it from an annotation and a prefetch, the chooser asked two
    queries per row. The search view makes the queryset specific after this hook; the
    prefetch has to know (the workflow-state relation differs)."""
    if not pages.is_specific:
        pages = pages.specific()
    return pages.annotate_approved_schedule().prefetch_workflow_states()
