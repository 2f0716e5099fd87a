from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "eurzad.core"
    label = "core"
    verbose_name = "eurzad core"

    def ready(self) -> None:
        # The metrics' signal receivers (Celery task failures, payments) must be connected
        # in every process, the workers included, not only where a view imports them.
        from eurzad.core import metrics  # noqa: F401
        from eurzad.core.admin_paginator import use_counted_paginator

        use_counted_paginator()
