"""Nothing private is reachable under /media/: the demo towns' private files are in the
private storage only, and the public media path serves published images, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django_tenants.utils import schema_context

from eurzad.cases.models import CaseDocument
from eurzad.core.private_files.storage import is_stored_name
from eurzad.identity.models import Resident
from eurzad.parties.models import Party
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f

JAN_PESEL = "44051401359"

PUBLIC_FOLDERS = {"images", "original_images", "documents", "avatar_images"}


@pytest.mark.parametrize("schema", ["zembrzyce", "glogow"])
def test_demo_towns_keep_no_private_file_under_media_root(towns, schema):
    media = Path(settings.MEDIA_ROOT) / schema
    folders = {path.relative_to(media).parts[0] for path in media.rglob("*") if path.is_file()}
    assert folders <= PUBLIC_FOLDERS
    with schema_context(schema):
        letters = CaseDocument.objects.exclude(attachment="")
        assert letters.exists()
        for letter in letters:
            assert is_stored_name(letter.attachment.name)
            assert (Path(settings.PRIVATE_FILES_ROOT) / schema / letter.attachment.name).is_file()
            assert not (media / letter.attachment.name).exists()


TOWNS = [(ZEMBRZYCE_HOST, "zembrzyce", GLOGOW_HOST), (GLOGOW_HOST, "glogow", ZEMBRZYCE_HOST)]


@pytest.mark.parametrize(("host", "schema", "other_host"), TOWNS)
def test_every_demo_private_file_is_for_its_owner_only(towns, host, schema, other_host):
    """Jan Kowalski's letters in each demo town: he downloads them; an anonymous visitor,
    another resident and the other town's host get 404, and so does the old public path."""
    with schema_context(schema):
        letters = list(CaseDocument.objects.exclude(attachment="").select_related("case"))
        jan = Resident.objects.filter(party__pesel=JAN_PESEL).first()
        jan_party = Party.objects.get(pesel=JAN_PESEL)
    jan = jan or f.resident(schema, jan_party)  # known to the office, maybe no account yet
    other = f.resident(schema, f.party(schema, pesel="75061712342"))
    assert letters
    for letter in letters:
        url = letter.attachment.url
        assert letter.case.party_id == jan.party_id
        owner = f.logged_in(schema, host, jan).get(url)
        assert owner.status_code == 200
        assert 'filename="wezwanie.txt"' in owner["Content-Disposition"]
        assert host_client(host).get(url).status_code == 404
        assert f.logged_in(schema, host, other).get(url).status_code == 404
        assert host_client(other_host).get(url).status_code == 404
        old = f"/media/{schema}/cases/{letter.case_id}/wezwanie.txt"
        assert host_client(host).get(old).status_code == 404


@pytest.mark.parametrize("host,schema", [(ZEMBRZYCE_HOST, "zembrzyce"), (GLOGOW_HOST, "glogow")])
@pytest.mark.parametrize("folder", ["cases/1", "wnioski-o-dostep", "documents", "pisma"])
def test_media_path_serves_no_folder_but_published_images(towns, host, schema, folder):
    """Even a file someone left in the public media outside the image folders (as the
    old case letters and powers of attorney were) is not served."""
    with schema_context(schema):
        name = storages["default"].save(f"{folder}/wezwanie.txt", ContentFile(b"prywatne"))
    try:
        response = host_client(host).get(f"/media/{schema}/{name}")
        assert response.status_code == 404
    finally:
        with schema_context(schema):
            storages["default"].delete(name)


def test_published_images_are_still_served_on_their_own_town_only(towns):
    with schema_context("zembrzyce"):
        name = storages["default"].save("original_images/herb.png", ContentFile(b"\x89PNG"))
    try:
        assert host_client(ZEMBRZYCE_HOST).get(f"/media/zembrzyce/{name}").status_code == 200
        assert host_client(GLOGOW_HOST).get(f"/media/zembrzyce/{name}").status_code == 404
    finally:
        with schema_context("zembrzyce"):
            storages["default"].delete(name)
