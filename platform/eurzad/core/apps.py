from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "eurzad.core"
    label = "core"
    verbose_name = "eurzad core"
