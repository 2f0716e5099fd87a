"""Push settings in the town's admin (Ustawienia → Powiadomienia push)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from eurzad.notifications.push.admin_forms import PushSettingsForm
from eurzad.notifications.push.credentials import vapid_settings
from eurzad.notifications.push.models import PushSettings

PERMISSION = "push.change_pushsettings"


class PushSettingsViewSet(ModelViewSet):
    model = PushSettings
    icon = "mail"
    menu_label = _("Powiadomienia push")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["__str__", "fcm_enabled", "apns_enabled", "updated_at"]

    def get_form_class(self, for_update: bool = False) -> type[PushSettingsForm]:
        return PushSettingsForm


push_settings_viewset = PushSettingsViewSet("push_settings")


@hooks.register("register_admin_viewset")
def register_push_settings_viewset() -> PushSettingsViewSet:
    return push_settings_viewset


def edit_push_settings(request: HttpRequest) -> HttpResponse:
    """The one row of the town: created (with its VAPID key pair) on the first visit."""
    if not request.user.has_perm(PERMISSION):
        return HttpResponse(status=403)
    config = vapid_settings()
    return redirect(push_settings_viewset.get_url_name("edit"), config.pk)


@hooks.register("register_admin_urls")
def register_push_settings_url() -> list:
    return [path("powiadomienia-push/", edit_push_settings, name="push-settings")]


class PushSettingsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PERMISSION)


@hooks.register("register_settings_menu_item")
def register_push_settings_menu_item() -> MenuItem:
    return PushSettingsMenuItem(
        _("Powiadomienia push"), reverse("push-settings"), icon_name="mail", order=620
    )
