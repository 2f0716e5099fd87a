"""The identity app in the Wagtail admin: reviewing access requests."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from eurzad.identity import admin_views
from eurzad.identity.models import LoginGovConfig


@hooks.register("register_admin_urls")
def register_access_request_urls() -> list:
    return [
        path(
            "wnioski-o-dostep/",
            admin_views.access_request_index,
            name="identity_access_requests",
        ),
        path(
            "wnioski-o-dostep/<int:pk>/",
            admin_views.access_request_detail,
            name="identity_access_request",
        ),
        path(
            "wnioski-o-dostep/<int:pk>/upo.<str:extension>",
            admin_views.access_request_upo,
            name="identity_access_request_upo",
        ),
    ]


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(admin_views.REVIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_access_request_menu_item() -> MenuItem:
    return ReviewerMenuItem(
        _("Wnioski o dostęp"),
        reverse("identity_access_requests"),
        icon_name="user",
        order=250,
    )


class LoginGovConfigViewSet(ModelViewSet):
    """The town's login.gov.pl SP settings, for staff with the change permission (the
    "Administratorzy e-Urzędu" group). The SP key is generated at onboarding and never
    shown; the certificate and metadata are public (/logowanie/metadata/)."""

    model = LoginGovConfig
    icon = "key"
    menu_label = _("login.gov.pl")
    add_to_settings_menu = True
    copy_view_enabled = False
    form_fields = [
        "environment",
        "idp_base_url",
        "idp_issuer",
        "entity_id",
        "minimum_loa",
        "idp_certificate",
    ]
    list_display = ["entity_id", "environment", "minimum_loa", "updated_at"]


@hooks.register("register_admin_viewset")
def register_login_gov_config_viewset() -> LoginGovConfigViewSet:
    return LoginGovConfigViewSet("login_gov_config")
