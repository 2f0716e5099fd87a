"""Grow a town's page tree by thousands of published pages in seconds (test set-up only).

``parent.add_child(instance=page)`` then ``save_revision().publish()`` runs some thirty
statements per page: 2,000 pages would take minutes. :func:`add_children` writes the same
rows in bulk, as that path would leave them: the treebeard path, depth and the parent's
``numchild``; the ``wagtailcore_page`` row and the specific row; the page's in-memory child
relations and parental many-to-many values; one published revision per page with its
"created" and "published" log entries; the search index entries. ``Page.find_problems()``
finds nothing wrong in a tree it grew (the tests check it).

The rows are written inside the test's transaction, where autovacuum never sees them: the
tables are analysed here, as a town that grew to this size over months would have them
(with the statistics of the 30 pages of before, the explorer's queries over 1,700 news
items took 0.46 s each instead of a few milliseconds).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

P = TypeVar("P", bound=Page)


def add_children(
    parent: Page, pages: Sequence[P], *, user: AbstractBaseUser | None = None
) -> list[P]:
    """Publish ``pages`` (unsaved instances of one page model, slugs unique among the
    parent's children) as the last children of ``parent``, in that order."""
    if not pages:
        return []
    model = type(pages[0])
    assert all(type(page) is model for page in pages), "one page model per call"
    parent = Page.objects.get(pk=parent.pk)
    _place_in_tree(parent, pages, model)
    base_rows = [Page(**_base_values(page)) for page in pages]
    Page.objects.bulk_create(base_rows)
    for page, row in zip(pages, base_rows, strict=True):
        page.id = page.page_ptr_id = row.pk  # type: ignore[attr-defined]
    _insert_specific_rows(model, pages)
    related = _insert_relations(model, pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    _publish(pages, user)
    get_search_backend().add_bulk(model, list(pages))
    _analyze([Page, model, *related, Revision, PageLogEntry, IndexEntry])
    return list(pages)


def tree_problems() -> list[str]:
    """What treebeard finds wrong in the page tree (nothing, for a sound tree)."""
    names = ("bad characters", "bad step length", "orphans", "wrong depth", "wrong numchild")
    found = Page.find_problems()
    return [f"{name}: {ids}" for name, ids in zip(names, found, strict=True) if ids]


def _place_in_tree(parent: Page, pages: Sequence[Page], model: type[Page]) -> None:
    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    for offset, page in enumerate(pages):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, first_step + offset)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.locale_id = parent.locale_id
        page.content_type = content_type
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now


def _base_values(page: Page) -> dict[str, object]:
    return {
        field.attname: getattr(page, field.attname)
        for field in Page._meta.concrete_fields
        if not field.primary_key
    }


def _insert_specific_rows(model: type[Page], pages: Sequence[Page]) -> None:
    """Django's ``bulk_create`` refuses multi-table inheritance: the specific table's
    columns are written with one ``executemany``."""
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(getattr(page, field.attname), connection) for field in fields]
        for page in pages
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})", rows
        )


def _insert_relations(model: type[Page], pages: Sequence[Page]) -> list[type[models.Model]]:
    """What ``ClusterableModel.save`` commits: child objects (e.g. tagged items) and
    parental many-to-many values set on the unsaved pages. Returns the models written."""
    written: list[type[models.Model]] = []
    for relation in get_all_child_relations(model):
        children: list[models.Model] = []
        for page in pages:
            for child in getattr(page, relation.get_accessor_name()).all():
                setattr(child, relation.field.attname, page.pk)
                children.append(child)
        relation.related_model.objects.bulk_create(children)
        written.append(relation.related_model)
    for field in get_all_child_m2m_relations(model):
        through = field.remote_field.through
        own, other = field.m2m_column_name(), field.m2m_reverse_name()
        through.objects.bulk_create(
            [
                through(**{own: page.pk, other: target.pk})
                for page in pages
                for target in getattr(page, field.name).all()
            ]
        )
        written.append(through)
    return written


def _analyze(tables: Sequence[type[models.Model]]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in dict.fromkeys(model._meta.db_table for model in tables):
            cursor.execute(f"ANALYZE {quote(table)}")


def _publish(pages: Sequence[Page], user: AbstractBaseUser | None) -> None:
    base_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type_id=page.content_type_id,
            base_content_type=base_type,
            object_id=str(page.pk),
            created_at=page.latest_revision_created_at,
            user=user,
            object_str=str(page),
            content=page.serializable_data(),
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=500)
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            page_id=page.pk,
            content_type_id=page.content_type_id,
            label=page.get_admin_display_title(),
            action=action,
            timestamp=page.latest_revision_created_at,
            uuid=uuid.uuid4(),
            user=user,
            revision=revision if action == "wagtail.publish" else None,
            content_changed=action == "wagtail.create",
        )
        for page, revision in zip(pages, revisions, strict=True)
        for action in ("wagtail.create", "wagtail.publish")
    )
