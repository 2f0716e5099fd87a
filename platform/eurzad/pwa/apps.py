from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PwaConfig(AppConfig):
    """The resident area as an installable web app: manifest, service worker, offline page."""

    name = "eurzad.pwa"
    label = "pwa"
    verbose_name = _("Aplikacja internetowa")
