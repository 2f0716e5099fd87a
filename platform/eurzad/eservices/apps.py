from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EServicesConfig(AppConfig):
    name = "eurzad.eservices"
    label = "eservices"
    verbose_name = _("E-usługi")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: these modules load models, which exist once the app registry is.
        from eurzad.eservices.provisioning import register_steps

        register_steps()

        from eurzad.core.private_files.kinds import register
        from eurzad.eservices.private_files import SUBMISSION_FILES

        register(SUBMISSION_FILES)

        from eurzad.eservices.fees import on_payment_closed, on_payment_completed
        from eurzad.finance.gateways.signals import payment_closed, payment_completed

        payment_completed.connect(on_payment_completed, dispatch_uid="eservices.fee_paid")
        payment_closed.connect(on_payment_closed, dispatch_uid="eservices.fee_not_paid")

        from eurzad.eservices.account_sections import register_sections

        register_sections()

        from wagtail.permissions import register_permission_policy

        from eurzad.eservices import signals  # noqa: F401 - connects the receivers
        from eurzad.eservices.admin_views import ApplicationsAreRecords
        from eurzad.eservices.models import Submission

        register_permission_policy(Submission, ApplicationsAreRecords(Submission))
