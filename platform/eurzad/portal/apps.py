from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The resident area's shell: its home page, menu, the acting-party switch and the
    resident bar. The sections come from the apps themselves (``eurzad.core.account_area``);
    nothing here lists them."""

    name = "eurzad.portal"
    label = "portal"
    verbose_name = _("Mój e-Urząd")
