"""The rules of a resident's reply to the office in a case (odpowiedź na wezwanie): when
the office waits for one, who may send it, what it may hold, the PDF the typed text
becomes, and which clerks are told it came. The use case itself is
:func:`eurzad.cases.services.reply_to_office`."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.cases.models import Case
from eurzad.core import uploads
from eurzad.core.pdf import WARSAW, polish_pdf, write_facts, write_header, write_line
from eurzad.core.postgresql.connection import connection
from eurzad.core.private_files.fields import original_name
from eurzad.identity.models import Representation, Resident
from eurzad.identity.representation import may_act_for
from eurzad.parties.models import Party
from tenants.models import Municipality
from themes.models import BrandingSettings

MAX_TEXT = 5000  # characters of the typed reply
MAX_FILES = 5
MAX_FILE_MB = 10
FILE_KINDS = ("pdf", "jpg", "png", "xml")
# Who is told of a reply: the staff who may change cases (the "Sprawy" group's right).
CLERK_PERMISSION = ("cases", "change_case")
LABEL_WIDTH = 45  # mm, of the 170 mm between the PDF's margins


class ReplyRefused(Exception):
    """The reply cannot be sent; ``message`` says why in the resident's words, ``field``
    names the form's field at fault (None: the case or the sender)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Attached:
    """A checked attachment: its name as sent, its type (a key of ``FILE_TYPES``), size
    and SHA-256 (the reply's PDF lists them)."""

    upload: UploadedFile
    name: str
    kind: str
    size: int
    sha256: str


def awaits_reply(case: Case) -> bool:
    """Whether the office waits for the Party to answer in ``case``: its status waits for
    the Party, or the office wrote what it expects; never in a closed case."""
    if case.status.final or case.closed_on is not None:
        return False
    return case.status.waiting_for_resident or bool(case.resident_action)


def is_party_to(case: Case, party: Party) -> bool:
    return case.party_id == party.pk or case.co_parties.filter(pk=party.pk).exists()


def may_reply(case: Case, party: Party, resident: Resident) -> bool:
    """Whether ``resident`` may answer for ``party`` in ``case``: a party of the case,
    the resident's own or one they hold a mandate to file for (the demo account is
    refused apart: :func:`eurzad.cases.services.reply_to_office`)."""
    return is_party_to(case, party) and may_act_for(resident, party, Representation.Scope.FILE)


def checked_text(text: str) -> str:
    """The reply's text, trimmed; refused when empty or too long."""
    text = re.sub(r"\r\n?", "\n", text or "").strip()
    if not text:
        raise ReplyRefused(_("Wpisz treść odpowiedzi."), "text")
    if len(text) > MAX_TEXT:
        raise ReplyRefused(
            _("Odpowiedź może mieć najwyżej %(max)s znaków (ma %(length)s).")
            % {"max": MAX_TEXT, "length": len(text)},
            "text",
        )
    return text


def _digest(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def checked_attachment(upload: UploadedFile) -> Attached:
    """One attachment, checked for its size and for its type by name and by content."""
    name = original_name(upload.name or "") or _("plik")
    allowed = ", ".join(kind.upper() for kind in FILE_KINDS)
    size = upload.size or 0
    if size > MAX_FILE_MB * uploads.MB:
        raise ReplyRefused(
            _("Plik „%(name)s” jest za duży: najwyżej %(mb)s MB.")
            % {"name": name, "mb": MAX_FILE_MB},
            "attachments",
        )
    if size == 0:
        raise ReplyRefused(_("Plik „%(name)s” jest pusty.") % {"name": name}, "attachments")
    kind = uploads.kind_by_name(name, FILE_KINDS)
    if kind is None:
        raise ReplyRefused(
            _("Plik „%(name)s”: ten rodzaj pliku nie jest przyjmowany; dozwolone: %(types)s.")
            % {"name": name, "types": allowed},
            "attachments",
        )
    if not uploads.content_is(upload, kind):
        raise ReplyRefused(
            _("Plik „%(name)s”: zawartość pliku nie jest plikiem %(type)s.")
            % {"name": name, "type": kind.upper()},
            "attachments",
        )
    return Attached(upload=upload, name=name, kind=kind, size=size, sha256=_digest(upload))


def checked_attachments(files: Sequence[UploadedFile]) -> list[Attached]:
    """Every attachment checked; refused when there are too many."""
    if len(files) > MAX_FILES:
        raise ReplyRefused(
            _("Możesz dołączyć najwyżej %(max)s plików (wybrano %(count)s).")
            % {"max": MAX_FILES, "count": len(files)},
            "attachments",
        )
    return [checked_attachment(upload) for upload in files]


def reply_title(day: date) -> str:
    return _("Odpowiedź na wezwanie z %(date)s") % {"date": day.strftime("%d.%m.%Y")}


def attachment_title(name: str) -> str:
    return _("Załącznik do odpowiedzi: %(name)s") % {"name": name}


def _town() -> tuple[str, str]:
    """The town's official name and its office's address (as its branding gives them)."""
    municipality = Municipality.objects.filter(schema_name=connection.schema_name).first()
    name = (municipality.official_name or municipality.name) if municipality else ""
    branding = BrandingSettings.objects.filter(site__is_default_site=True).first()
    office = branding.office_name if branding else ""
    address = ", ".join(
        part for part in (office, branding.postal_address if branding else "") if part
    )
    return name or connection.schema_name, address


def _size(attached: Attached) -> str:
    kilobytes = f"{attached.size / 1024:.1f}".replace(".", ",")
    return _("%(name)s (%(size)s KB)") % {"name": attached.name, "size": kilobytes}


def reply_pdf(
    case: Case,
    party: Party,
    resident: Resident,
    text: str,
    attachments: Sequence[Attached],
    at: datetime,
) -> bytes:
    """The reply as the office files it: the case, who answered and when, the text, and
    each attachment by name, size and SHA-256 (which ties the files to the letter)."""
    town, address = _town()
    title = reply_title(timezone.localtime(at, WARSAW).date())
    pdf = polish_pdf(title, party.display_name)
    write_header(pdf, town, title, address=address)
    sender = resident.display_name
    if resident.party_id != party.pk:
        sender = _("%(name)s, pełnomocnik strony") % {"name": sender}
    party_name = party.display_name
    if party.masked_identifier:
        party_name = f"{party_name} ({party.masked_identifier})"
    write_facts(
        pdf,
        [
            (_("Znak sprawy"), case.sign),
            (_("Przedmiot sprawy"), case.subject),
            (_("Strona"), party_name),
            (_("Wysłał(a)"), sender),
            (_("Wysłano"), timezone.localtime(at, WARSAW).strftime("%d.%m.%Y %H:%M:%S")),
            (_("Droga"), _("e-Urząd")),
        ],
        label_width=LABEL_WIDTH,
    )
    pdf.ln(3)
    write_line(pdf, _("Treść odpowiedzi"), 12, "B", 8)
    write_line(pdf, text, align="L")
    pdf.ln(3)
    write_line(pdf, _("Załączniki"), 12, "B", 8)
    if not attachments:
        write_line(pdf, _("brak"))
    for number, attached in enumerate(attachments, start=1):
        write_line(pdf, f"{number}. {_size(attached)}", align="L")
        write_line(pdf, _("SHA-256: %(digest)s") % {"digest": attached.sha256}, 8, height=5)
    return bytes(pdf.output())


def _named(user: Any, case: Case) -> bool:
    """Whether ``user`` is the case's officer: the e-mail in the case's contact, or the
    officer's name as the account gives it."""
    email = (user.email or "").casefold()
    if email and email in case.officer_contact.casefold():
        return True
    name = " ".join(user.get_full_name().split()).casefold()
    return bool(name) and name == " ".join(case.officer_name.split()).casefold()


def clerks_to_notify(case: Case) -> list[Any]:
    """The staff told of a reply in ``case``: its officer, when the office's record names
    one of the staff who may change cases; else those of them in a staff group named as
    the case's department; else all of them; a town with none has its administrators."""
    app_label, codename = CLERK_PERMISSION
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    users = get_user_model().objects.filter(is_active=True)
    holders = (
        list(
            users.filter(Q(user_permissions=permission) | Q(groups__permissions=permission))
            .distinct()
            .order_by("pk")
        )
        if permission
        else []
    )
    if officer := [user for user in holders if _named(user, case)]:
        return officer
    if case.department.strip():
        department = set(
            users.filter(groups__name__iexact=case.department.strip()).values_list("pk", flat=True)
        )
        if in_department := [user for user in holders if user.pk in department]:
            return in_department
    return holders or list(users.filter(is_superuser=True).order_by("pk"))
