"""Where the portal's changes are heard: an online payment booked (the gateways'
``payment_completed`` signal), an access request filed or decided (its own saves) and an
online application filed (e-services' ``submission_filed``). Each receiver runs inside
the transaction that made the change."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from api.integration import tasks as _tasks  # noqa: F401  (the worker learns the webhook tasks)
from api.integration.changes import record_change
from api.models import Event
from eurzad.eservices.models import Submission
from eurzad.eservices.signals import submission_filed
from eurzad.finance.gateways.signals import payment_completed
from eurzad.identity.models import AccessRequest

DECIDED = (AccessRequest.Status.APPROVED, AccessRequest.Status.REJECTED)


@receiver(payment_completed, dispatch_uid="api-payment-booked")
def payment_booked(sender: Any, payment: Any, **kwargs: Any) -> None:
    record_change(Event.PAYMENT_BOOKED, payment.pk)


@receiver(post_save, sender=AccessRequest, dispatch_uid="api-access-request")
def access_request_saved(
    sender: Any, instance: AccessRequest, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    if created:
        record_change(Event.ACCESS_REQUEST_FILED, instance.pk)
    if instance.status in DECIDED:  # recorded once: a later save changes nothing
        record_change(Event.ACCESS_REQUEST_DECIDED, instance.pk)


@receiver(submission_filed, dispatch_uid="api-submission-filed")
def application_filed(sender: Any, submission: Submission, **kwargs: Any) -> None:
    record_change(Event.SUBMISSION_FILED, submission.pk)


ADMIN_GROUP = "Administratorzy e-Urzędu"  # eurzad.identity.services.IDENTITY_ADMIN_GROUP
ADMIN_PERMISSIONS = ["add_apiclient", "change_apiclient", "view_apiclient"]


@receiver(post_migrate, dispatch_uid="api-admin-permissions")
def grant_api_clients_to_admins(sender: Any, app_config: Any = None, **kwargs: Any) -> None:
    """The town's e-Urząd administrators manage its API clients (a town's schema only)."""
    if app_config is None or app_config.label != "api":
        return
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.db import connection

    if getattr(connection, "schema_name", "public") == "public":
        return
    # This receiver may run before auth's own: make sure the permissions exist.
    create_permissions(
        app_config, verbosity=0, **{k: v for k, v in kwargs.items() if k in ("using", "apps")}
    )
    group, _created = Group.objects.get_or_create(name=ADMIN_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="api", codename__in=ADMIN_PERMISSIONS)
    )
