"""Files a resident attaches to an application: checked for the field's types, size and
number, by their content (not only their name), kept as private files.

The answers of a file field are the tokens of its :class:`SubmissionFile` rows; a token
that is not one of this application's files for that field is refused, so a client
cannot point an answer at anyone else's file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import PurePath

from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from eurzad.eservices.definition import FILE_TYPES, Definition, Field
from eurzad.eservices.errors import SubmissionRefused
from eurzad.eservices.models import Submission, SubmissionFile

# How each type's content begins (a renamed .exe is not a PDF).
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "xml": (b"<?xml", b"\xef\xbb\xbf<?xml", b"<"),
}
MB = 1024 * 1024


def allowed_types(spec: Field) -> tuple[str, ...]:
    return spec.file_types or tuple(FILE_TYPES)


def accept_attribute(spec: Field) -> str:
    """The ``accept`` of the field's file input (the browser's first filter)."""
    return ",".join(f"{FILE_TYPES[kind][1]},{FILE_TYPES[kind][0]}" for kind in allowed_types(spec))


def _type_of(spec: Field, upload: UploadedFile) -> str:
    suffix = PurePath(upload.name or "").suffix.lower()
    suffix = ".jpg" if suffix == ".jpeg" else suffix
    kinds = allowed_types(spec)
    kind = next((kind for kind in kinds if FILE_TYPES[kind][1] == suffix), None)
    names = ", ".join(kind.upper() for kind in kinds)
    if kind is None:
        raise SubmissionRefused(
            _("„%(label)s”: ten rodzaj pliku nie jest przyjmowany; dozwolone: %(types)s.")
            % {"label": spec.label, "types": names},
            f"this type of file is not accepted; allowed: {names}",
            {spec.key: _("Dozwolone pliki: %(types)s.") % {"types": names}},
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[kind]):
        raise SubmissionRefused(
            _("„%(label)s”: zawartość pliku nie jest plikiem %(type)s.")
            % {"label": spec.label, "type": kind.upper()},
            f"the file's content is not {kind.upper()}",
            {spec.key: _("Zawartość pliku nie zgadza się z jego rodzajem.")},
        )
    return kind


def _digest(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def attach(submission: Submission, spec: Field, upload: UploadedFile) -> SubmissionFile:
    """Keep ``upload`` as a file of ``spec`` (a file field of the draft's form version)
    and add it to the answers; refused with the reason, nothing kept."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_draft:
        raise SubmissionRefused(
            _("Ten wniosek został już złożony."), "this application was already submitted"
        )
    if spec.kind != "file":
        raise SubmissionRefused(
            _("To pole nie przyjmuje plików."), "this field takes no files", {spec.key: ""}
        )
    if upload.size is None or upload.size > spec.max_mb * MB:
        raise SubmissionRefused(
            _("„%(label)s”: plik jest za duży (najwyżej %(mb)s MB).")
            % {"label": spec.label, "mb": spec.max_mb},
            f"the file is too large (at most {spec.max_mb} MB)",
            {spec.key: _("Najwyżej %(mb)s MB.") % {"mb": spec.max_mb}},
        )
    if upload.size == 0:
        raise SubmissionRefused(
            _("„%(label)s”: plik jest pusty.") % {"label": spec.label},
            "the file is empty",
            {spec.key: _("Plik jest pusty.")},
        )
    tokens = list(submission.answers.get(spec.key) or [])
    if len(tokens) >= spec.max_files:
        raise SubmissionRefused(
            _("„%(label)s”: można dołączyć najwyżej %(count)s plików; usuń któryś.")
            % {"label": spec.label, "count": spec.max_files},
            f"at most {spec.max_files} files may be attached",
            {spec.key: _("Najwyżej %(count)s plików.") % {"count": spec.max_files}},
        )
    kind = _type_of(spec, upload)
    stored = SubmissionFile(
        submission=submission,
        field_key=spec.key,
        content_type=FILE_TYPES[kind][0],
        size=upload.size,
        sha256=_digest(upload),
    )
    stored.file.save(upload.name or f"plik{FILE_TYPES[kind][1]}", upload, save=False)
    stored.save()
    submission.answers = {**submission.answers, spec.key: [*tokens, stored.token]}
    submission.save(update_fields=["answers", "updated_at"])
    return stored


@transaction.atomic
def detach(submission: Submission, token: str) -> None:
    """Remove one of the draft's files (from the answers and the storage)."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_draft:
        raise SubmissionRefused(
            _("Ten wniosek został już złożony."), "this application was already submitted"
        )
    stored = submission.files.filter(token=token).first()
    if stored is None:
        return
    answers = dict(submission.answers)
    kept = [each for each in answers.get(stored.field_key) or [] if each != token]
    if kept:
        answers[stored.field_key] = kept
    else:
        answers.pop(stored.field_key, None)
    submission.answers = answers
    submission.save(update_fields=["answers", "updated_at"])
    delete_files([stored])


def delete_files(files: Iterable[SubmissionFile]) -> None:
    """Delete rows now and their stored content once the transaction commits."""
    names: list[str] = []
    for stored in files:
        if stored.file.name:
            names.append(stored.file.name)
        storage = stored.file.storage
        stored.delete()
    if names:
        transaction.on_commit(lambda: _delete_stored(storage, names))


def _delete_stored(storage: Storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def foreign_tokens(submission: Submission, definition: Definition, answers: dict) -> dict[str, str]:
    """Errors for file answers that are not this application's own files of that field."""
    owned = set(submission.files.values_list("field_key", "token"))
    errors = {}
    for spec in definition.fields():
        value = answers.get(spec.key)
        if spec.kind != "file" or not isinstance(value, list):
            continue
        if any((spec.key, token) not in owned for token in value):
            errors[spec.key] = _("„%(label)s”: nie ma takiego pliku – dołącz go ponownie.") % {
                "label": spec.label
            }
    return errors
