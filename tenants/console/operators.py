"""Operator accounts: made, listed, their second factor reset, switched off.

Operators are public-schema users with an :class:`~tenants.console.models.Operator` row;
``manage.py operator`` calls these (the first operator has no console to be made in).
Every change is in the operators' audit log.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.console.models import Operator
from tenants.console.services.actions import Actor, record


def create_operator(actor: Actor, username: str, password: str, email: str = "") -> Operator:
    """A new operator; they enrol their authenticator app at the first login."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationError(
            {"username": _("Użytkownik %(name)s już istnieje.") % {"name": username}}
        )
    user = User(username=username, email=email)
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save()
        operator = Operator.objects.create(user=user)
        record(actor, "operator_created", None, {"operator": username})
    return operator


def find_operator(username: str) -> Operator:
    operator = Operator.objects.select_related("user").filter(user__username=username).first()
    if operator is None:
        raise ValidationError(_("Nie ma operatora %(name)s.") % {"name": username})
    return operator


@transaction.atomic
def reset_second_factor(actor: Actor, operator: Operator) -> None:
    """Forget the operator's authenticator and recovery codes (a lost phone): they enrol
    again at the next login; their API tokens stop working until then."""
    operator.totp_secret = ""
    operator.totp_confirmed_at = None
    operator.last_totp_step = 0
    operator.failed_attempts = 0
    operator.locked_until = None
    operator.save()
    operator.recovery_codes.all().delete()
    record(actor, "operator_2fa_reset", None, {"operator": operator.user.get_username()})


@transaction.atomic
def deactivate(actor: Actor, operator: Operator) -> None:
    """Switch the operator off for good: no login, every API token revoked. The account
    stays, so the audit log keeps naming them."""
    operator.user.is_active = False
    operator.user.save(update_fields=["is_active"])
    operator.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    record(actor, "operator_deactivated", None, {"operator": operator.user.get_username()})
