"""Transfer QR codes in the Polish banks' 2D format (Związek Banków Polskich, recommendation
"Standard 2D", 2013), which Polish banking apps read to fill in a domestic transfer.

The payload is nine fields joined by ``|``, UTF-8, at most 160 characters:

    recipient NIP (10 digits or empty) | country code (PL) | account (NRB, 26 digits) |
    amount in grosze (6 digits, zero-padded) | recipient name (≤ 20) | title (≤ 32) |
    reserve 1 (≤ 20) | reserve 2 (≤ 12) | reserve 3 (≤ 24)

What the recommendation and a public reference encoder say, and what we chose where they
differ, is in docs/integrations/zbp-2d.md.

The code itself is a QR code with error correction level L (as the recommendation says).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import segno

from eurzad.finance.money import to_grosze
from eurzad.parties.identifiers import normalise_nrb

SEPARATOR = "|"
COUNTRY = "PL"
MAX_GROSZE = 999_999  # the amount field has six digits: at most 9 999,99 zł
NAME_LENGTH = 20
TITLE_LENGTH = 32
# What the banks' apps accept in the text fields: letters (Polish ones too), digits, space
# and a little punctuation. Anything else — above all the separator — is dropped.
_NOT_ALLOWED = re.compile(r"[^0-9A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż ,.\-/\\@#&*_]")


class AmountTooLarge(ValueError):
    """The amount does not fit the format's six digits of grosze."""


def _text(value: str, length: int) -> str:
    """``value`` without the characters banks refuse, at most ``length`` characters and
    ``length`` bytes of UTF-8 (the recommendation counts "znaki", reference encoders cut
    bytes; a Polish letter is two bytes): cut between characters, never inside one."""
    cleaned = " ".join(_NOT_ALLOWED.sub("", value or "").split())[:length]
    while len(cleaned.encode("utf-8")) > length:
        cleaned = cleaned[:-1]
    return cleaned.rstrip()


def transfer_payload(
    *, account: str, amount: Decimal, recipient: str, title: str, nip: str = ""
) -> str:
    """The Standard 2D text of a transfer of ``amount`` to ``account``.

    Names and titles are cut to the format's lengths, counted both in characters and in
    UTF-8 bytes (Polish letters stay). Raises :class:`AmountTooLarge` above 9 999,99 zł —
    the amount field has six digits, so no code is made rather than a wrong one — and
    ValueError for an account that is not 26 digits or a NIP that is not 10.
    """
    number = normalise_nrb(account)
    if len(number) != 26 or not number.isdigit():
        raise ValueError("the account number must have 26 digits")
    nip = "".join(ch for ch in nip or "" if ch.isdigit())
    if nip and len(nip) != 10:
        raise ValueError("the NIP must have 10 digits")
    grosze = to_grosze(amount)
    if grosze < 0:
        raise ValueError("the amount cannot be negative")
    if grosze > MAX_GROSZE:
        raise AmountTooLarge(amount)
    fields = [
        nip,
        COUNTRY,
        number,
        f"{grosze:06d}",
        _text(recipient, NAME_LENGTH),
        _text(title, TITLE_LENGTH),
        "",  # reserve 1 (a direct-debit payer id)
        "",  # reserve 2 (Invoobill)
        "",  # reserve 3
    ]
    return SEPARATOR.join(fields)  # 104 characters at most, well within the 160


@dataclass(frozen=True)
class TransferQr:
    """A transfer QR code for a page: the SVG and what it says, for the text alternative."""

    payload: str
    svg: str
    recipient: str
    account_display: str
    amount: Decimal
    title: str


def transfer_qr_code(payload: str) -> segno.QRCode:
    """The QR code of ``payload``: byte mode, UTF-8 (no ECI header), error correction L."""
    return segno.make(payload, error="l", boost_error=False, encoding="utf-8", micro=False)


def transfer_qr_svg(payload: str, *, scale: int = 5) -> str:
    """The QR code of ``payload`` as an SVG element to put inline in HTML."""
    return transfer_qr_code(payload).svg_inline(scale=scale, dark="#000", light="#fff", border=4)
