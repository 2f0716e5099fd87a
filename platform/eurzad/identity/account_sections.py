"""Identity's sections of Mój e-Urząd: the resident's own data, the mobile app, the login
history (registered from ``IdentityConfig.ready``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import Section, SectionContext, register_section


def _profile(context: SectionContext) -> Section:
    return Section(
        _("Twoje dane"),
        reverse("account:profile"),
        _("Dane, które zna urząd, preferencje kontaktu i osoby, w których imieniu działasz."),
    )


def _mobile_app(context: SectionContext) -> Section:
    return Section(
        _("Aplikacja mobilna"),
        reverse("account:mobile-app"),
        _("PIN do parowania telefonu i lista sparowanych urządzeń."),
    )


def _login_history(context: SectionContext) -> Section:
    return Section(
        _("Historia logowania"),
        reverse("account:login-history"),
        _("Kiedy i skąd logowano się na Twoje konto, i kiedy urząd przeglądał Twoje dane."),
    )


def register_sections() -> None:
    register_section("profile", 10, _profile)
    register_section("mobile-app", 80, _mobile_app)
    register_section("login-history", 90, _login_history)
