"""Payment gateways in the town's admin (Ustawienia → Bramki płatności)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from eurzad.core.admin_columns import listing_columns
from eurzad.finance.gateways.admin_forms import GatewayConfigForm
from eurzad.finance.gateways.models import GatewayConfig


class GatewayConfigViewSet(ModelViewSet):
    model = GatewayConfig
    icon = "credit-card"
    menu_label = _("Bramki płatności")
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = listing_columns(
        GatewayConfig, ["__str__", "enabled", "merchant_id", "updated_at"]
    )

    def get_form_class(self, for_update: bool = False) -> type[GatewayConfigForm]:
        return GatewayConfigForm


@hooks.register("register_admin_viewset")
def register_gateway_config_viewset() -> GatewayConfigViewSet:
    return GatewayConfigViewSet("payment_gateways")
