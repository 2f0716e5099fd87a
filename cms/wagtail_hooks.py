"""Snippets editors manage in the admin: alerts and the service catalogue's taxonomy."""

from django.utils.translation import gettext_lazy as _
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
