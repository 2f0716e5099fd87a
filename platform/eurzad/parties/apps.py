from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "eurzad.parties"
    label = "parties"
    verbose_name = _("Strony (osoby i podmioty)")
    default_auto_field = "django.db.models.BigAutoField"
