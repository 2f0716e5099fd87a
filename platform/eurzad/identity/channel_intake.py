"""Access requests that arrive through ePUAP or e-Doręczenia as a signed ``wnio:Dokument``.

The applicant is who *signed* the document (the verified Profil Zaufany or qualified
signature), not who the form says sent it; a form naming someone else is rejected.
Attachments go with the authorisations in the order both appear in the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eurzad.channels.documents import ParsedForm, ReceivedDocument
from eurzad.channels.handlers import register
from eurzad.identity.access_requests import (
    Applicant,
    Authorisation,
    Contact,
    file_access_request,
)
from eurzad.parties.models import Party

if TYPE_CHECKING:
    from eurzad.channels.models import IntakeRecord

SIGNATURE_NAMES = {
    "profil-zaufany": "profil zaufany",
    "qualified": "podpis kwalifikowany",
}


class ForeignApplicant(ValueError):
    """The form names another person than the one who signed it."""


def is_access_request(document: ReceivedDocument) -> bool:
    form = document.form
    return document.is_verified and form is not None and form.kind == ParsedForm.KIND_ACCESS_REQUEST


def take_in_access_request(document: ReceivedDocument, record: IntakeRecord) -> None:
    form, signer = document.form, document.signer
    assert form is not None and signer is not None  # is_access_request checked both
    sender = form.sender
    if sender is not None and sender.pesel and sender.pesel != signer.pesel:
        raise ForeignApplicant(
            "Wniosek podpisała inna osoba niż wnioskodawca "
            "(the request was signed by someone other than the applicant)."
        )
    address = sender.address if sender is not None else None
    attachments = list(form.attachments or document.attachments)
    authorisations = []
    for position, wanted in enumerate(form.authorisations):
        attachment = attachments[position] if position < len(attachments) else None
        authorisations.append(
            Authorisation(
                kind=Party.Kind.NATURAL if wanted.pesel else Party.Kind.LEGAL,
                name=wanted.name,
                pesel=wanted.pesel,
                nip=wanted.nip,
                scope=str(wanted.scope),
                valid_until=wanted.valid_until,
                document_name=attachment.filename if attachment else "",
                document=attachment.content if attachment else None,
            )
        )
    method = SIGNATURE_NAMES.get(signer.signature_kind, signer.signature_kind)
    file_access_request(
        Applicant(
            first_name=signer.given_names,
            last_name=signer.surname,
            pesel=signer.pesel,
            date_of_birth=signer.date_of_birth,
            verified_by=f"{document.channel.value}: {method}"[:60],
        ),
        Contact(
            email=form.email,
            phone=form.phone,
            street=" ".join(p for p in (address.street, address.building) if p) if address else "",
            postal_code=address.postcode if address else "",
            city=address.town if address else "",
            remarks=form.text[:2000],
            authorisations=authorisations,
        ),
        channel=document.channel.value,
        channel_message_id=document.message_id,
        # The receipt intake recorded: the provider's, or the town's own when none came
        # (ePUAP's WS-Pull carries none).
        upo=bytes(record.upo_xml or document.upo_xml).decode("utf-8", errors="replace"),
    )


def register_handlers() -> None:
    register("access-request", accepts=is_access_request, handle=take_in_access_request)
