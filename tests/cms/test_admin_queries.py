"""The Wagtail admin of a town with 2,000 pages (issue 18): every view an editor opens
makes as many SQL statements as with 20 news items and 20 services, but for what Wagtail
itself reads per row of the page chooser (docs/developers/admin-scale.md)."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django_tenants.utils import schema_context
from wagtail.models import (
    GroupPagePermission,
    Page,
    PagePermissionTester,
    Workflow,
    get_page_models,
)

from cms.models import HomePage, NewsIndexPage, NewsPage, ServicePage
from cms.models.permissions import LeafPagePermissions, LeafPagePermissionTester
from tests.cms.admin_scale import (
    BIG,
    HOST,
    SCHEMA,
    SEARCH_TERM,
    SMALL,
    admin_urls,
    editor_client,
    grow_catalogue,
    grow_town_to,
)
from tests.cms.page_tree import tree_problems
from tests.conftest import host_client
from tests.query_counts.addresses import count_statements

# Left inside Wagtail 8.0, out of reach of its hooks: the page chooser reads each row's
# parent (``data-parent-id="{{ page.get_parent.id }}"``, chooser/tables/page_title_cell.html)
# and, in its search results, the parent's locale too (chooser/tables/parent_page_cell.html).
# A chooser page holds at most 25 rows.
WAGTAIL_STATEMENTS_PER_CHOOSER_ROW = {
    "page chooser: news index": 1,
    "page chooser: search": 2,
    "page chooser: services": 1,
}


@pytest.fixture
def editor(towns) -> Client:
    return editor_client(towns[HOST].editor_password)


def _measure(client: Client) -> dict[str, tuple[int, int]]:
    """Per view: the statements of a second request (caches warm) and the chooser rows
    it shows."""
    measured = {}
    for name, url in admin_urls().items():
        counted = count_statements(client, url)
        measured[name] = (len(counted.statements), counted.body.count("data-parent-id="))
    return measured


# Growing a town to 2,000 pages (and seeding the towns, when it is a worker's first test)
# took over the suite's 10 minutes on a slow CI machine: the limit is there for hangs.
SLOW = pytest.mark.timeout(1800)


@SLOW
def test_admin_views_make_as_many_statements_with_2000_pages_as_with_20(editor):
    grow_catalogue(SMALL, SMALL)
    small = _measure(editor)
    grow_town_to(BIG)
    big = _measure(editor)
    table = "\n".join(f"{name:<32} {small[name][0]:>5} {big[name][0]:>5}" for name in small)
    print(f"\n{'view':<32} {SMALL:>5} {BIG:>5}\n{table}")
    for name in small:
        per_row = WAGTAIL_STATEMENTS_PER_CHOOSER_ROW.get(name, 0)
        added_rows = big[name][1] - small[name][1]
        assert big[name][0] == small[name][0] + per_row * added_rows, f"{name}\n{table}"


@SLOW
def test_a_grown_town_is_a_sound_tree_of_published_pages(towns, editor):
    started = time.perf_counter()
    grow_town_to(BIG)
    print(f"\ngrown to {BIG} pages in {time.perf_counter() - started:.1f} s")
    with schema_context(SCHEMA):
        assert tree_problems() == []
        assert Page.objects.count() == BIG
        index = NewsIndexPage.objects.get(locale__language_code="pl")
        assert index.numchild == NewsPage.objects.child_of(index).count() > 1500
        news = NewsPage.objects.get(slug="komunikat-nr-1500")
        service = ServicePage.objects.get(slug="usluga-nr-250")
        assert news.live and news.live_revision_id == news.latest_revision_id
        assert news.url_path.endswith("/aktualnosci/komunikat-nr-1500/")
        assert {tag.name for tag in news.tags.all()} == {"temat-0", "temat-5"}
        assert service.categories.count() == service.life_situations.count() == 1
        found = NewsPage.objects.live().search(SEARCH_TERM)
        assert len(found[:10]) == 10
    visitor = host_client(HOST)
    assert visitor.get("/aktualnosci/komunikat-nr-1500/").status_code == 200
    assert visitor.get("/katalog-uslug/usluga-nr-250/").status_code == 200
    form = editor.get(f"/admin/pages/{news.pk}/edit/").content.decode()
    assert "temat-5" in form and "Komunikat nr 1500" in form


def _user(name: str, *groups: Group):
    user = get_user_model().objects.create_user(username=name, password="x" * 16)
    user.groups.add(*groups)
    return user


def test_leaf_page_permissions_answer_as_wagtail_does(towns):
    """Delete and move, for the page's own row, are what Wagtail's query answers, for
    every kind of user and page."""
    with schema_context(SCHEMA):
        home = HomePage.objects.get(locale__language_code="pl", depth=2)
        adders = Group.objects.create(name="Tylko dodawanie")
        GroupPagePermission.objects.create(
            group=adders, page=home, permission=Permission.objects.get(codename="add_page")
        )
        adding_publishers = Group.objects.create(name="Dodawanie i publikacja")
        for codename in ("add_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=adding_publishers,
                page=home,
                permission=Permission.objects.get(codename=codename),
            )
        adder = _user("dodajacy", adders)
        users = [
            get_user_model().objects.get(username="redaktor"),
            _user("moderator-test", Group.objects.get(name="Moderators")),
            adder,
            _user("publikujacy", adding_publishers),
            _user("gosc"),
            get_user_model().objects.create_superuser("admin-testowy", password="x" * 16),
        ]
        index = NewsIndexPage.objects.get(locale__language_code="pl")
        live = NewsPage.objects.child_of(index).first()
        own_draft = NewsPage(title="Szkic", slug="szkic", lead="x", body=[], live=False)
        index.add_child(instance=own_draft)
        own_live = NewsPage(title="Własna", slug="wlasna", lead="x", body=[])
        index.add_child(instance=own_live)
        NewsPage.objects.filter(pk__in=[own_draft.pk, own_live.pk]).update(owner=adder)
        pages = [Page.objects.get(pk=pk).specific for pk in (live.pk, own_draft.pk, own_live.pk)]
        pages += [index, home]
        for user in users:
            for page in pages:
                ours, wagtails = (
                    LeafPagePermissionTester(user, page),
                    PagePermissionTester(user, page),
                )
                for check in ("can_delete", "can_move"):
                    assert getattr(ours, check)() == getattr(wagtails, check)(), (
                        user.username,
                        page.slug,
                        check,
                    )
                assert ours.can_delete(ignore_bulk=True) == wagtails.can_delete(ignore_bulk=True)


def test_every_page_type_of_a_town_answers_permissions_from_its_row():
    ours = [model for model in get_page_models() if model._meta.app_label == "cms"]
    assert ours and all(issubclass(model, LeafPagePermissions) for model in ours)


def _published_news(index: NewsIndexPage, title: str, slug: str) -> NewsPage:
    page = NewsPage(title=title, slug=slug, lead="Krótko.", body=[])
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _row(html: str, pk: int) -> str:
    row = html[html.index(f'data-id="{pk}"') :]
    return row[: row.index("</tr>")]


def test_page_chooser_shows_pages_in_moderation_and_scheduled(towns, editor):
    with schema_context(SCHEMA):
        index = NewsIndexPage.objects.get(locale__language_code="pl")
        moderated = _published_news(index, "Zebranie wiejskie w Tarnawie", "zebranie")
        scheduled = _published_news(index, "Festyn rodzinny nad Skawą", "festyn")
        Workflow.objects.get(active=True).start(
            moderated, get_user_model().objects.get(username="redaktor")
        )
        revision = scheduled.save_revision()
        revision.approved_go_live_at = revision.created_at.replace(year=2100)
        revision.save()
        expected = {
            page.pk: str(Page.objects.get(pk=page.pk).specific.status_string)
            for page in (moderated, scheduled)
        }
        plain = str(NewsPage.objects.child_of(index).first().status_string)
    assert len({plain, *expected.values()}) == 3  # each says more than "published"
    browse = editor.get(f"/admin/choose-page/{index.pk}/").json()["html"]
    for word, page in (("zebranie", moderated), ("festyn", scheduled)):
        found = editor.get(f"/admin/choose-page/search/?q={word}").content.decode()
        for html in (browse, found):
            assert expected[page.pk] in _row(html, page.pk), (word, expected[page.pk])
