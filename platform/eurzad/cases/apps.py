from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "eurzad.cases"
    label = "cases"
    verbose_name = _("Sprawy i korespondencja")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from eurzad.cases.provisioning import register_steps as register_provisioning_steps

        register_provisioning_steps()

        from eurzad.cases.private_files import CASE_ATTACHMENTS, DELIVERY_EVIDENCE
        from eurzad.core.private_files.kinds import register

        register(CASE_ATTACHMENTS)
        register(DELIVERY_EVIDENCE)

        from wagtail.permissions import register_permission_policy

        from eurzad.cases.models import LetterDelivery
        from eurzad.cases.permissions import DeliveriesAreRecords

        register_permission_policy(LetterDelivery, DeliveriesAreRecords(LetterDelivery))

        from eurzad.cases.notification_kinds import register_kinds as register_notification_kinds

        register_notification_kinds()

        from eurzad.cases.account_sections import register_sections

        register_sections()
