"""Identity's sections of Mój e-Urząd: the resident's own data, the mobile app, the login
history (registered from ``IdentityConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from eurzad.core.account_area import register_section, static_section


def register_sections() -> None:
    register_section(
        "profile",
        10,
        static_section(
            _("Twoje dane"),
            "account:profile",
            _("Dane, które zna urząd, preferencje kontaktu i osoby, w których imieniu działasz."),
        ),
    )
    register_section(
        "mobile-app",
        80,
        static_section(
            _("Aplikacja mobilna"),
            "account:mobile-app",
            _("PIN do parowania telefonu i lista sparowanych urządzeń."),
        ),
    )
    register_section(
        "login-history",
        90,
        static_section(
            _("Historia logowania"),
            "account:login-history",
            _("Kiedy i skąd logowano się na Twoje konto, i kiedy urząd przeglądał Twoje dane."),
        ),
    )
