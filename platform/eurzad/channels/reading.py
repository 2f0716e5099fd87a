"""From the bytes a provider delivered to a read, verified form: shared by every adapter
so that each channel applies the same safe parsing and the same signature checks."""

from __future__ import annotations

from dataclasses import dataclass

from eurzad.channels import xades
from eurzad.channels.documents import ParsedForm, Signer
from eurzad.channels.forms import FormError, parse_element, parse_untrusted

__all__ = ["ReadDocument", "read_signed_form"]


@dataclass(frozen=True)
class ReadDocument:
    form: ParsedForm | None
    signer: Signer | None
    defect: str = ""


def read_signed_form(raw: bytes) -> ReadDocument:
    """Parse ``raw`` safely, verify its XAdES signature and read the form.

    Never raises for a bad document: the defect (bilingual, without personal data) is
    returned instead, so that intake records the document as rejected."""
    try:
        root = parse_untrusted(raw)
        signer = xades.verify(root)
        form = parse_element(root)
    except (FormError, xades.SignatureInvalid) as problem:
        return ReadDocument(None, None, str(problem))
    return ReadDocument(form, signer)
