"""The demo's office, as `make demo` prints it: an editor who publishes directly (a small
town's choice; a town may require a moderator's approval instead), a moderator, and a
clerk with the menus and groups a real office gives its clerks, who creates and updates
a case, adds a letter with an attachment and edits a register entry in the admin."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import EditorialSettings, NewsIndexPage, NewsPage
from eurzad.cases.models import Case, CaseDocument, CaseStatus
from eurzad.core.private_files.storage import is_stored_name
from eurzad.registers.models import RegisterEntry
from tests.cases import factories as c
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance import factories as f

STAFF = {"redaktor", "moderator", "urzednik"}
CLERK_MENUS = ("Sprawy", "Rejestry", "Budżet", "Dokumenty przychodzące")
CLERK_PAGES = (
    "/admin/cases_cases/new/",
    "/admin/cases_documents/new/",
    "/admin/registers_entries/",
    "/admin/budget_years/",
    "/admin/snippets/channels/intakerecord/",
)


def _logged_in(schema: str, host: str, username: str):  # type: ignore[no-untyped-def]
    client = host_client(host)
    with schema_context(schema):
        client.force_login(get_user_model().objects.get(username=username))
    return client


def test_each_demo_town_has_its_office_with_printed_logins(towns):
    for host, town in towns.items():
        assert {staff.username for staff in town.staff} == STAFF, host
        assert all(staff.password and staff.role for staff in town.staff)
        schema = host.split(".")[0]
        with schema_context(schema):
            users = {u.username: u for u in get_user_model().objects.filter(username__in=STAFF)}
            assert set(users) == STAFF
            assert {g.name for g in users["moderator"].groups.all()} == {"Moderators"}
            assert {"Sprawy", "Rejestry", "Budżet", "Kancelaria"} <= {
                g.name for g in users["urzednik"].groups.all()
            }
            assert not users["urzednik"].is_superuser


def test_the_clerk_has_the_menus_of_cases_registers_budget_and_incoming_documents(towns):
    for schema, host in (("zembrzyce", ZEMBRZYCE_HOST), ("glogow", GLOGOW_HOST)):
        html = _logged_in(schema, host, "urzednik").get("/admin/").content.decode()
        for menu in CLERK_MENUS:  # the sidebar's menu comes as JSON
            assert json.dumps(menu)[1:-1] in html, (host, menu)
        for url in CLERK_PAGES:
            answer = _logged_in(schema, host, "urzednik").get(url)
            assert answer.status_code == 200, (host, url, answer.status_code)


def test_the_clerk_runs_a_case_and_edits_a_register_entry_in_the_admin(towns):
    client = _logged_in("glogow", GLOGOW_HOST, "urzednik")
    owner = f.resident("glogow", f.party("glogow", pesel="92071314764"))
    template = c.case("glogow", owner.party, status="zlozona")
    with schema_context("glogow"):
        in_progress = CaseStatus.objects.get(code="w-toku").pk
    # A new case…
    created = client.post(
        "/admin/cases_cases/new/",
        c.admin_form(template, sign="GK.6733.7.2026", external_id="clerk-1", source="admin"),
    )
    assert created.status_code == 302, created.context["form"].errors
    with schema_context("glogow"):
        case = Case.objects.get(sign="GK.6733.7.2026")
    # …its status changed…
    updated = client.post(
        f"/admin/cases_cases/edit/{case.pk}/",
        c.admin_form(case, status=in_progress, status_note="wszczęto postępowanie"),
    )
    assert updated.status_code == 302, updated.context["form"].errors
    with schema_context("glogow"):
        case.refresh_from_db()
        assert case.status.code == "w-toku"
    # …a letter with its attachment…
    letter = client.post(
        "/admin/cases_documents/new/",
        {
            "case": case.pk,
            "direction": CaseDocument.Direction.OUTGOING,
            "title": "Zawiadomienie o wszczęciu postępowania",
            "dated": case.received_on.isoformat(),
            "channel": CaseDocument.Channel.PAPER,
            "delivery": CaseDocument.Delivery.PENDING,
            "attachment": SimpleUploadedFile("zawiadomienie.pdf", b"%PDF-1.4 zawiadomienie"),
        },
    )
    assert letter.status_code == 302, letter.content.decode()[:2000]
    with schema_context("glogow"):
        document = CaseDocument.objects.get(case=case)
        assert is_stored_name(document.attachment.name)  # private storage
    # The resident sees the new status and the letter.
    resident = host_client(GLOGOW_HOST)
    with schema_context("glogow"):
        resident.force_login(owner.user)
    shown = resident.get(f"/konto/sprawy/{case.pk}/").content.decode()
    assert "Zawiadomienie o wszczęciu postępowania" in shown
    # A register entry, edited.
    with schema_context("glogow"):
        entry = RegisterEntry.objects.filter(state="active").order_by("pk").first()
    form = client.get(f"/admin/registers_entries/edit/{entry.pk}/")
    assert form.status_code == 200
    edited = client.post(
        f"/admin/registers_entries/edit/{entry.pk}/",
        {
            "definition": entry.definition_id,
            "number": entry.number,
            "party": entry.party_id or "",
            "valid_from": entry.valid_from.isoformat() if entry.valid_from else "",
            "valid_until": "",
            "state": "suspended",
            "source": entry.source,
            "external_id": entry.external_id,
            "values": "{}",
        },
    )
    assert edited.status_code == 302, edited.content.decode()[:3000]
    with schema_context("glogow"):
        entry.refresh_from_db()
        assert entry.state == "suspended"


def _news_form(title: str, slug: str, **action: str) -> dict[str, object]:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-12-07",
            "lead": "Zbiórka choinek po świętach.",
            "body": streamfield([("paragraph", rich_text("<p>Choinki odbieramy w styczniu.</p>"))]),
            "tags": "",
            "seo_title": "",
            "search_description": "",
            **action,
        }
    )


def _news_index(schema: str) -> int:
    with schema_context(schema):
        return NewsIndexPage.objects.get().pk


def test_the_editor_publishes_news_directly(towns):
    client = _logged_in("zembrzyce", ZEMBRZYCE_HOST, "redaktor")
    parent = _news_index("zembrzyce")
    answer = client.post(
        f"/admin/pages/add/cms/newspage/{parent}/",
        _news_form("Zbiórka choinek", "zbiorka-choinek", **{"action-publish": "action-publish"}),
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    with schema_context("zembrzyce"):
        news = NewsPage.objects.get(slug="zbiorka-choinek")
        assert news.live
    page = host_client(ZEMBRZYCE_HOST).get(news.url)
    assert page.status_code == 200 and "Zbiórka choinek" in page.content.decode()


def test_a_town_may_require_a_moderators_approval_instead(towns):
    with schema_context("glogow"):
        settings = EditorialSettings.for_site(Site.objects.get(is_default_site=True))
        settings.editors_publish = False
        settings.save()
        editor = get_user_model().objects.get(username="redaktor")
        moderator = get_user_model().objects.get(username="moderator")
        news_index = Page.objects.get(pk=_news_index("glogow"))
        assert not news_index.permissions_for_user(editor).can_publish_subpage()
        assert news_index.permissions_for_user(moderator).can_publish_subpage()
    client = _logged_in("glogow", GLOGOW_HOST, "redaktor")
    answer = client.post(
        f"/admin/pages/add/cms/newspage/{news_index.pk}/",
        _news_form("Ferie zimowe", "ferie-zimowe", **{"action-publish": "action-publish"}),
    )
    with schema_context("glogow"):
        assert not NewsPage.objects.filter(slug="ferie-zimowe", live=True).exists(), answer
        settings.editors_publish = True
        settings.save()
        editor = get_user_model().objects.get(username="redaktor")  # permissions not cached
        assert news_index.permissions_for_user(editor).can_publish_subpage()
    # Zembrzyce keeps its own choice.
    with schema_context("zembrzyce"):
        editor = get_user_model().objects.get(username="redaktor")
        news_index = Page.objects.get(pk=_news_index("zembrzyce"))
        assert news_index.permissions_for_user(editor).can_publish_subpage()
