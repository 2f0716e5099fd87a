"""A filed application as its documents tell it: read once from the submission and the
form version it was filed on, for the JSON and XML copies, the PDF and the receipt.

The town, the applicant (or none: an anonymous report), the mandate of a representative,
the login.gov.pl login, and every answer in the form's order with its label (a choice's
label too, a group's rows, a file's attachments). Hidden and unanswered fields are not
there: they were not filed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from eurzad.core.postgresql.connection import connection
from eurzad.eservices.definition import Definition, Field
from eurzad.eservices.digest import digested
from eurzad.eservices.models import Submission
from tenants.models import Municipality
from themes.models import BrandingSettings


class NotFiled(ValueError):
    """Not filed (yet): a draft has no documents, and an application waiting for its fee
    has no receipt."""


@dataclass(frozen=True)
class Town:
    name: str  # Zembrzyce
    official_name: str  # Gmina Zembrzyce
    teryt: str
    office: str  # the office that receives it: Urząd Gminy Zembrzyce
    address: str  # the office's address on one line; "" when the town set none


@dataclass(frozen=True)
class Applicant:
    name: str
    pesel: str
    nip: str
    street: str
    postal_code: str
    city: str

    @property
    def identifier(self) -> str:
        """The identifier the digest covers: the PESEL, else the NIP."""
        return self.pesel or self.nip

    @property
    def address(self) -> str:
        town = f"{self.postal_code} {self.city}".strip()
        return ", ".join(part for part in (self.street, town) if part)


@dataclass(frozen=True)
class Mandate:
    """The representative who filed for the applicant, and their authorisation."""

    representative: str
    pesel: str
    scope: str  # identity.Representation.Scope
    scope_label: str
    valid_from: dt.date
    valid_until: dt.date | None


@dataclass(frozen=True)
class Login:
    """The login.gov.pl login the application was filed in."""

    assertion_id: str
    level_of_assurance: str
    authenticated_at: str  # ISO 8601, as the node wrote it


@dataclass(frozen=True)
class Attachment:
    """A file answer's item: the name, and the size and SHA-256 when the answer keeps them."""

    name: str
    size: int | None = None
    sha256: str = ""


@dataclass(frozen=True)
class Answer:
    spec: Field
    value: Any  # as the answers document keeps it
    choice_label: str = ""  # a choice: the label of the value chosen
    attachments: tuple[Attachment, ...] = ()  # a file
    rows: tuple[tuple[Answer, ...], ...] = ()  # a group: its entries' answers


@dataclass(frozen=True)
class Section:
    """A step of the form with what was answered in it."""

    key: str
    title: str
    title_en: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class FiledApplication:
    reference: str
    form_slug: str
    form_name: str
    form_name_en: str
    revision_id: int
    town: Town
    submitted_at: dt.datetime | None  # None while the fee is awaited
    applicant: Applicant | None  # None: an anonymous report
    mandate: Mandate | None
    login: Login | None
    fee: Decimal | None
    fee_title: str
    digest: str
    sections: tuple[Section, ...]
    filed: dict[str, Any]  # what the digest covers (eurzad.eservices.services.digested)


def _branding() -> BrandingSettings | None:
    """The town's branding as set (read only: ``for_site`` would create an empty one)."""
    return (
        BrandingSettings.objects.filter(site__is_default_site=True)
        .select_related("coat_of_arms")
        .first()
    )


def current_town() -> Town:
    """The town whose schema is active, with its office as the town's branding names it."""
    schema = connection.schema_name
    municipality = Municipality.objects.filter(schema_name=schema).first()
    branding = _branding()
    name = municipality.name if municipality else schema
    official_name = (municipality.official_name if municipality else "") or name
    return Town(
        name=name,
        official_name=official_name,
        teryt=municipality.teryt if municipality else "",
        office=(branding.office_name if branding else "") or official_name,
        address=branding.postal_address if branding else "",
    )


def coat_of_arms() -> bytes | None:
    """The image of the town's coat of arms (as its pages' header shows it), if it has one."""
    branding = _branding()
    rendition = branding.header_arms if branding else None
    if rendition is None:
        return None
    try:
        with rendition.file.open("rb") as image:
            return image.read()
    except OSError:  # the file is gone from storage: the documents go without it
        return None


def _applicant(submission: Submission) -> Applicant | None:
    party = submission.party
    if party is None:
        return None
    return Applicant(
        name=party.display_name,
        pesel=party.pesel,
        nip=party.nip,
        street=party.street,
        postal_code=party.postal_code,
        city=party.city,
    )


def _mandate(submission: Submission) -> Mandate | None:
    mandate = submission.mandate
    if mandate is None:
        return None
    representative = mandate.resident
    return Mandate(
        representative=representative.display_name,
        pesel=representative.party.pesel if representative.party else "",
        scope=mandate.scope,
        scope_label=str(mandate.get_scope_display()),
        valid_from=mandate.valid_from,
        valid_until=mandate.valid_until,
    )


def _login(submission: Submission) -> Login | None:
    if not submission.assertion_id:
        return None
    return Login(
        submission.assertion_id, submission.level_of_assurance, submission.authenticated_at
    )


def _attachment(item: Any) -> Attachment:
    if isinstance(item, Mapping):
        size = item.get("size")
        return Attachment(
            name=str(item.get("name") or ""),
            size=int(size) if size is not None else None,
            sha256=str(item.get("sha256") or ""),
        )
    return Attachment(name=str(item))


def _answer(spec: Field, value: Any) -> Answer:
    if spec.kind == "choice":
        label = next((c.label for c in spec.choices if c.value == value), "")
        return Answer(spec, value, choice_label=label)
    if spec.kind == "file" and isinstance(value, list):
        return Answer(spec, value, attachments=tuple(_attachment(item) for item in value))
    if spec.kind == "group" and isinstance(value, list):
        rows = tuple(
            tuple(_answers(spec.fields, entry)) for entry in value if isinstance(entry, Mapping)
        )
        return Answer(spec, value, rows=rows)
    return Answer(spec, value)


def _answers(fields: tuple[Field, ...], answers: Mapping[str, Any]) -> list[Answer]:
    return [_answer(spec, answers[spec.key]) for spec in fields if spec.key in answers]


def form_name_of(submission: Submission) -> str:
    """The form's name as it was in the version the application was filed on."""
    return submission.revision.content.get("name") or submission.form.name


def filed_application(submission: Submission, definition: Definition) -> FiledApplication:
    """The facts of ``submission`` (filed on the form version ``definition`` was read from),
    in the current town's schema. Raises :class:`NotFiled` for a draft."""
    if not submission.reference or not submission.digest:
        raise NotFiled(submission.pk)
    answers = submission.answers
    sections = tuple(
        Section(step.key, step.title, step.title_en, answered)
        for step in definition.steps
        if (answered := tuple(_answers(step.fields, answers)))
    )
    form = submission.form
    version = submission.revision.content  # the form's names as they were when filed
    return FiledApplication(
        reference=submission.reference,
        form_slug=form.slug,
        form_name=form_name_of(submission),
        form_name_en=version.get("name_en") or form.name_en,
        revision_id=submission.revision_id,
        town=current_town(),
        submitted_at=submission.submitted_at,
        applicant=_applicant(submission),
        mandate=_mandate(submission),
        login=_login(submission),
        fee=submission.fee,
        fee_title=version.get("fee_title", form.fee_title),
        digest=submission.digest,
        sections=sections,
        filed=digested(submission, answers),
    )
