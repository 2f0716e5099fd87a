"""API clients in the town's admin (Ustawienia → Klienci API): the town's e-Urząd
administrators create them (the key is shown once), rotate their keys and revoke them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from api.admin_forms import ApiClientForm
from api.models import ApiClient

if TYPE_CHECKING:
    # the mixin goes on the create and edit views
    from wagtail.admin.views.generic import CreateView as _ModelFormView
else:
    _ModelFormView = object


class ShowsKeyOnce(_ModelFormView):
    """After a save that issued a key, a page with the key instead of the redirect."""

    def form_valid(self, form: ApiClientForm) -> HttpResponse:
        response = super().form_valid(form)
        if not form.issued_key:
            return response
        return TemplateResponse(
            self.request,
            "api/admin/key_once.html",
            {
                "client": self.object,
                "key": form.issued_key,
                "index_url": self.get_success_url(),
            },
            headers={"Cache-Control": "no-store"},
        )


class ApiClientCreateView(ShowsKeyOnce, generic.CreateView):
    pass


class ApiClientEditView(ShowsKeyOnce, generic.EditView):
    pass


class ApiClientViewSet(ModelViewSet):
    model = ApiClient
    icon = "key"
    menu_label = _("Klienci API")
    add_to_settings_menu = True
    copy_view_enabled = False
    add_view_class = ApiClientCreateView
    edit_view_class = ApiClientEditView
    list_display = ["name", "key_prefix", "scopes", "last_used_at", "revoked_at"]

    def get_form_class(self, for_update: bool = False) -> type[ApiClientForm]:
        return ApiClientForm


@hooks.register("register_admin_viewset")
def register_api_client_viewset() -> Any:
    return ApiClientViewSet("api_clients")
