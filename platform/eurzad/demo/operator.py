"""The demo's console operator (``make demo`` only; the test suite makes its own)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from eurzad.demo.credentials import demo_password
from tenants.console.models import Operator

DEMO_OPERATOR = "operator-demo"


def ensure_demo_operator() -> tuple[str, str]:
    """The demo operator's user name and password (generated on the first run, kept under
    .eurzad/); the operator enrols an authenticator app at the first console login."""
    password = demo_password("console:" + DEMO_OPERATOR)
    user, created = get_user_model().objects.get_or_create(username=DEMO_OPERATOR)
    if created or not user.check_password(password):
        user.set_password(password)
        user.is_active = True
        user.save()
    Operator.objects.get_or_create(user=user)
    return DEMO_OPERATOR, password
