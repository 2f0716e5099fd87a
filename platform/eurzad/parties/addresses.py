"""A Party's electronic addresses for letters from the office.

- The address for electronic delivery (adres do doręczeń elektronicznych, e-Doręczenia),
  as entered in the Baza Adresów Elektronicznych: ``AE:PL-12345-12345-ABCDE-12``
  (five digits, five digits, five capital letters, two digits).
- The ePUAP inbox (skrytka) address: ``/<podmiot>/<skrytka>``, e.g. ``/jankowalski/skrytka``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

__all__ = ["ADE_ADDRESS", "EPUAP_INBOX", "validate_ade_address", "validate_epuap_inbox"]

ADE_ADDRESS = re.compile(r"^AE:PL-\d{5}-\d{5}-[A-Z]{5}-\d{2}$")
EPUAP_INBOX = re.compile(r"^/[A-Za-z0-9_-]{1,64}/[A-Za-z0-9_-]{1,64}$")


def validate_ade_address(value: str) -> None:
    if value and not ADE_ADDRESS.match(value):
        raise ValidationError(
            _("Adres do doręczeń elektronicznych ma postać AE:PL-12345-12345-ABCDE-12."),
            code="ade_address",
        )


def validate_epuap_inbox(value: str) -> None:
    if value and not EPUAP_INBOX.match(value):
        raise ValidationError(
            _("Adres skrytki ePUAP ma postać /identyfikator-podmiotu/skrytka."),
            code="epuap_inbox",
        )
