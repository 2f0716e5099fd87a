"""Every file field of every app: a person's or the office's file must use the private
storage. Only the models listed here keep public files, each for a stated reason; a new
FileField anywhere else fails this test until it is private (or argued for here)."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from eurzad.core.private_files.fields import PrivateFileField
from eurzad.core.private_files.kinds import registered
from eurzad.core.private_files.storage import PrivateFileSystemStorage

PUBLIC_FILE_MODELS = {
    # Images editors publish on the town's pages (with alt texts), and their renditions.
    "wagtailimages.image": "published images of the town's pages",
    "wagtailimages.rendition": "resized copies of published images",
    # Documents editors publish; served by Wagtail's view, which applies collection privacy.
    "wagtaildocs.document": "documents published on the town's pages",
    # Editors' uploads of images and documents to publish, kept while their form is filled
    # in; never served (not under a public media folder).
    "wagtailcore.uploadedfile": "images and documents on their way to being published",
    # The picture a staff member chooses to show beside their name in the admin, named
    # with a random UUID (Gravatar is switched off: WAGTAIL_GRAVATAR_PROVIDER_URL).
    "wagtailusers.userprofile": "a staff member's own admin profile picture",
}


def _file_fields() -> list[tuple[str, models.FileField]]:
    return [
        (model._meta.label_lower, field)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def test_every_file_field_outside_the_public_list_is_private():
    offenders = [
        f"{label}.{field.name}"
        for label, field in _file_fields()
        if label not in PUBLIC_FILE_MODELS
        and not (isinstance(field, PrivateFileField) and _is_private(field.storage))
    ]
    assert offenders == [], (
        "These file fields keep files in the public media. A person's or the office's "
        "file must be a PrivateFileField (eurzad.core.private_files) with a registered kind: "
        f"{offenders}"
    )


def test_the_public_list_names_only_models_that_exist_and_hold_files():
    labels = {label for label, _field in _file_fields()}
    assert set(PUBLIC_FILE_MODELS) <= labels


def test_every_private_file_field_has_a_registered_kind_with_its_read_rules():
    kinds = {(kind.model, kind.field_name) for kind in registered()}
    private = [
        (field.model, field.name)
        for _label, field in _file_fields()
        if isinstance(field, PrivateFileField)
    ]
    assert private, "no private file fields found"
    assert set(private) <= kinds, "a PrivateFileField without a kind cannot be downloaded"
    assert len({kind.name for kind in registered()}) == len(registered())


def _is_private(storage: object) -> bool:
    return isinstance(storage, PrivateFileSystemStorage) or hasattr(storage, "signed_url")
