"""User accounts. The same model lives in the public schema (vendor operators) and in
every town's schema (the town's editors and, later, residents)."""

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        # lazy strings, as Django allows; the stubs' AbstractUser.Meta says str
        verbose_name = _("użytkownik")  # type: ignore[assignment]
        verbose_name_plural = _("użytkownicy")  # type: ignore[assignment]
        swappable = "AUTH_USER_MODEL"
