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
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client

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
