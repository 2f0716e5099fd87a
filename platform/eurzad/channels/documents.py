"""What a channel hands over: one document a resident sent to the town, read and verified.

These are plain frozen dataclasses so that handlers in other apps depend on nothing but
this module. PESEL numbers are kept out of ``repr`` so that logging an object never
writes one into a log line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class ChannelKind(StrEnum):
    EPUAP = "epuap"
    EDORECZENIA = "edoreczenia"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes = field(repr=False)

    def __iter__(self):
        # Lets callers unpack ``filename, content_type, content = attachment``.
        return iter((self.filename, self.content_type, self.content))


@dataclass(frozen=True)
class Address:
    """A postal address as the crd.gov.pl ``adres`` schema carries it."""

    street: str = ""
    building: str = ""
    flat: str = ""
    postcode: str = ""
    town: str = ""
    post_office: str = ""

    def __str__(self) -> str:
        number = self.building + (f"/{self.flat}" if self.flat else "")
        line = " ".join(part for part in (self.street, number) if part)
        return ", ".join(part for part in (line, f"{self.postcode} {self.town}".strip()) if part)


@dataclass(frozen=True)
class Person:
    """The sender as the form states it (not verified: see :class:`Signer`)."""

    given_names: str
    surname: str
    pesel: str = field(default="", repr=False)
    address: Address = field(default_factory=Address)

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()


@dataclass(frozen=True)
class Signer:
    """Who signed the document, as the verified signature states it (Profil Zaufany
    ``EPSignature`` / ``PodpisZP``)."""

    given_names: str
    surname: str
    pesel: str = field(repr=False)
    date_of_birth: dt.date | None = None
    signed_at: dt.datetime | None = None
    certificate_subject: str = ""
    signature_kind: str = "profil-zaufany"

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()


@dataclass(frozen=True)
class Authorisation:
    """On the access request: the resident asks to act for this person or firm."""

    class Scope(StrEnum):
        VIEW = "view"
        PAY = "pay"

    pesel: str = field(default="", repr=False)
    nip: str = ""
    name: str = ""
    scope: Scope = Scope.VIEW
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class ParsedForm:
    """The content of a ``wnio:Dokument`` (OpisDokumentu, DaneDokumentu, TrescDokumentu)."""

    KIND_GENERAL_LETTER = "general-letter"
    KIND_ACCESS_REQUEST = "access-request"

    kind: str
    namespace: str
    title: str
    document_name: str = ""
    created_on: dt.date | None = None
    place: str = ""
    sender: Person | None = None
    recipient_name: str = ""
    recipient_address: Address | None = None
    text: str = ""
    attachments: tuple[Attachment, ...] = ()
    authorisations: tuple[Authorisation, ...] = ()
    # The sender's contact (adr:Kontakt): where the office answers by e-mail.
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ReceivedDocument:
    """One document taken from a town's mailbox.

    ``form`` and ``signer`` are None when the document could not be read or its signature
    could not be verified; ``defect`` then says why (Polish first, English in brackets) and
    intake records the document as rejected instead of handing it to a handler.
    """

    channel: ChannelKind
    message_id: str
    sender_address: str
    recipient_address: str
    received_at: dt.datetime
    title: str
    raw: bytes = field(repr=False)
    form: ParsedForm | None = None
    signer: Signer | None = None
    attachments: tuple[Attachment, ...] = ()
    upo_id: str = ""
    upo_xml: bytes = field(default=b"", repr=False)
    defect: str = ""
    # What the provider needs back to acknowledge this document (e.g. ePUAP's digest).
    receipt_token: str = field(default="", repr=False)

    @property
    def is_verified(self) -> bool:
        return self.form is not None and self.signer is not None and not self.defect
