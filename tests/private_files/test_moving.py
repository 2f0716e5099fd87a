"""The data migration's move: files a town kept under its public media (case letters and
powers of attorney, before they were private) go to the private storage under random
names, the rows follow them, the public copies and their folders disappear."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django_tenants.utils import schema_context

from eurzad.cases.models import CaseDocument
from eurzad.core.private_files.moving import move_public_files
from eurzad.core.private_files.storage import is_stored_name
from eurzad.identity.models import RequestedAuthorisation
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.private_files.conftest import case_letter, login, power_of_attorney


def _as_before(model, pk: int, field: str, old_name: str, content: bytes) -> None:
    """Put the row back the way the old code left it: the file in the public media."""
    stored = storages["default"].save(old_name, ContentFile(content))
    assert stored == old_name
    model.objects.filter(pk=pk).update(**{field: old_name, f"{field}_name": ""})


def test_old_public_files_move_to_private_storage(people):
    letter_file = case_letter(people)
    document_file = power_of_attorney(people)
    media = Path(settings.MEDIA_ROOT) / "zembrzyce"
    with schema_context("zembrzyce"):
        letter = CaseDocument.objects.get(attachment=letter_file.url.removeprefix("/pliki/"))
        authorisation = RequestedAuthorisation.objects.get(
            document=document_file.url.removeprefix("/pliki/")
        )
        _as_before(CaseDocument, letter.pk, "attachment", f"cases/{letter.case_id}/wezwanie.txt",
                   b"stare pismo")  # fmt: skip
        _as_before(RequestedAuthorisation, authorisation.pk, "document",
                   "wnioski-o-dostep/pelnomocnictwo.pdf", b"%PDF stare")  # fmt: skip
        assert (media / "wnioski-o-dostep" / "pelnomocnictwo.pdf").is_file()

        moved = move_public_files(apps, "cases", "CaseDocument", "attachment")
        moved += move_public_files(apps, "identity", "RequestedAuthorisation", "document")

        assert moved == 2
        letter.refresh_from_db()
        authorisation.refresh_from_db()
        assert is_stored_name(letter.attachment.name)
        assert letter.attachment_name == "wezwanie.txt"
        assert letter.attachment.read() == b"stare pismo"
        assert is_stored_name(authorisation.document.name)
        assert authorisation.document_name == "pelnomocnictwo.pdf"
        # Nothing is left under the public media, not even the folders.
        assert not (media / "wnioski-o-dostep").exists()
        assert not (media / "cases" / str(letter.case_id)).exists()
        # A second run finds nothing to move.
        assert move_public_files(apps, "cases", "CaseDocument", "attachment") == 0
    assert (
        host_client(ZEMBRZYCE_HOST)
        .get("/media/zembrzyce/wnioski-o-dostep/pelnomocnictwo.pdf")
        .status_code
        == 404
    )
    owner = login(people.owner)
    download = owner.get(letter.attachment.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"stare pismo"
    assert 'filename="wezwanie.txt"' in download["Content-Disposition"]


def test_a_row_whose_public_file_is_gone_keeps_its_reference(people):
    letter_file = case_letter(people)
    with schema_context("zembrzyce"):
        letter = CaseDocument.objects.get(attachment=letter_file.url.removeprefix("/pliki/"))
        CaseDocument.objects.filter(pk=letter.pk).update(attachment="cases/1/zaginione.txt")
        assert move_public_files(apps, "cases", "CaseDocument", "attachment") == 0
        letter.refresh_from_db()
        assert letter.attachment.name == "cases/1/zaginione.txt"


def test_the_move_stays_in_its_own_town(people):
    """Głogów's move never touches Zembrzyce's public files."""
    with schema_context("zembrzyce"):
        name = storages["default"].save("cases/77/obce.txt", ContentFile(b"zembrzyce"))
    try:
        with schema_context("glogow"):
            move_public_files(apps, "cases", "CaseDocument", "attachment")
        with schema_context("zembrzyce"):
            assert storages["default"].exists(name)
        assert host_client(GLOGOW_HOST).get(f"/media/zembrzyce/{name}").status_code == 404
    finally:
        with schema_context("zembrzyce"):
            storages["default"].delete(name)
