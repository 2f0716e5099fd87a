"""The digest of a filed application: SHA-256 of the form, its version, the Party and the
answers as canonical JSON, which anyone can compute again from the JSON or XML copy
(docs/developers/eservices-documents.md)."""

from __future__ import annotations

import hashlib
import json

from eurzad.eservices.models import Submission


def digested(submission: Submission, answers: dict) -> dict:
    """What the digest covers: the form, its version, the Party (PESEL, else NIP, else
    "") and the answers. The JSON copy carries it as it is (``filed``)."""
    party = submission.party
    return {
        "form": submission.form.slug,
        "revision": submission.revision_id,
        "party": (party.pesel or party.nip) if party else "",
        "answers": answers,
    }


def canonical_json(value: object) -> bytes:
    """``value`` as canonical JSON: sorted keys, no spaces, UTF-8 (not escaped)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def digest_of(submission: Submission, answers: dict) -> str:
    """SHA-256 of what was filed (:func:`digested`) as canonical JSON, so anyone can
    compute it again from the XML or JSON copy (docs/developers/eservices-documents.md)."""
    return hashlib.sha256(canonical_json(digested(submission, answers))).hexdigest()
