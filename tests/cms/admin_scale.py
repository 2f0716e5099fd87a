"""A town grown to 2,000 pages and the admin views its editors open, for the admin's
scale test and its benchmark (tests/perf/test_admin_scale.py).

The town is Zembrzyce as the demo seeds it (32 pages), topped up with news under the news
index and services under the service catalogue, with tags, categories, life situations,
an image, a published revision each and search index entries (``page_tree``). The
benchmark tops up Głogów the same way, as the town it compares with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context
from taggit.models import Tag
from wagtail.models import Page, Site

from cms.models import (
    HomePage,
    LifeSituation,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    ServiceCatalogueIndexPage,
    ServiceCategory,
    ServicePage,
)
from eurzad.demo.seed import EDITOR_USERNAME
from tests.cms.page_tree import add_children
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client

SCHEMA, HOST = "zembrzyce", ZEMBRZYCE_HOST  # the town that grows
OTHER_SCHEMA, OTHER_HOST = "glogow", GLOGOW_HOST
SMALL = 20  # news items and services of the small town
FULL = 60  # news items and services of a town whose every admin listing fills a page
BIG = 2000  # pages of the big town
BIG_SERVICES = 300  # of which services; the rest (but the other pages) are news
SEARCH_TERM = "komunikat"  # in the title of every news item grown here
TAG_NAMES = [f"temat-{n}" for n in range(12)]


def grow_news(count: int) -> None:
    """News items under the news index until there are ``count``."""
    index = NewsIndexPage.objects.get(locale__language_code="pl")
    have = NewsPage.objects.child_of(index).count()
    image = NewsPage.objects.exclude(image=None).values_list("image", flat=True).first()
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAG_NAMES]
    today = timezone.localdate()
    pages = []
    for number in range(have, count):
        page = NewsPage(
            title=f"Komunikat nr {number} – sprawy gminy",
            slug=f"komunikat-nr-{number}",
            lead="Krótki komunikat urzędu dla mieszkańców.",
            body=[("paragraph", f"<p>Treść komunikatu nr {number}.</p>")],
            image_id=image,
            date=today - timedelta(days=number % 365),
        )
        page.tagged_items = [  # type: ignore[assignment]
            NewsPageTag(tag=tags[number % len(tags)]),
            NewsPageTag(tag=tags[(number + 5) % len(tags)]),
        ]
        pages.append(page)
    add_children(index, pages, user=_editor_user())


def grow_services(count: int) -> None:
    """Services in the service catalogue until there are ``count``."""
    catalogue = ServiceCatalogueIndexPage.objects.get(locale__language_code="pl")
    have = ServicePage.objects.child_of(catalogue).count()
    categories = list(ServiceCategory.objects.all())
    situations = list(LifeSituation.objects.all())
    pages = []
    for number in range(have, count):
        page = ServicePage(
            title=f"Usługa nr {number} – wniosek do urzędu",
            slug=f"usluga-nr-{number}",
            summary="Jak złożyć wniosek i ile to trwa.",
            purpose="<p>Załatwisz sprawę w urzędzie gminy.</p>",
            documents="<ul><li>wniosek</li><li>dowód opłaty</li></ul>",
            fees="<p>Bez opłat.</p>",
            channels=[("channel", {"kind": "portal", "label": "W e-Urzędzie", "url": "/konto/"})],
            department="Referat Organizacyjny",
        )
        page.categories = [categories[number % len(categories)]]  # type: ignore[assignment]
        page.life_situations = [situations[number % len(situations)]]  # type: ignore[assignment]
        pages.append(page)
    add_children(catalogue, pages, user=_editor_user())


def grow_catalogue(news: int, services: int, schema: str = SCHEMA) -> None:
    """The town with ``news`` news items and ``services`` services (at least)."""
    with schema_context(schema):
        grow_news(news)
        grow_services(services)


def grow_town_to(pages: int) -> None:
    """The town with ``pages`` pages: ``BIG_SERVICES`` services, the rest news."""
    with schema_context(SCHEMA):
        grow_services(BIG_SERVICES)
        grow_news(NewsPage.objects.count() + pages - Page.objects.count())
        assert Page.objects.count() == pages


def _editor_user() -> AbstractBaseUser:
    return get_user_model().objects.get(username=EDITOR_USERNAME)


@dataclass(frozen=True)
class AdminView:
    name: str
    url: Callable[[], str]  # called in the town's schema


def _last_child(model: type[Page]) -> int:
    return (
        model.objects.filter(locale__language_code="pl")
        .order_by("-path")
        .values_list("pk", flat=True)[0]
    )


def _pk(model: type[Page]) -> int:
    return model.objects.filter(locale__language_code="pl").values_list("pk", flat=True)[0]


def _branding_url() -> str:
    site = Site.objects.get(is_default_site=True).pk
    return f"/admin/settings/themes/brandingsettings/{site}/"


ADMIN_VIEWS = [
    AdminView("dashboard", lambda: "/admin/"),
    AdminView("explorer: root", lambda: "/admin/pages/"),
    AdminView("explorer: home", lambda: f"/admin/pages/{_pk(HomePage)}/"),
    AdminView("explorer: news index", lambda: f"/admin/pages/{_pk(NewsIndexPage)}/"),
    AdminView(
        "explorer: service catalogue", lambda: f"/admin/pages/{_pk(ServiceCatalogueIndexPage)}/"
    ),
    AdminView("edit: news page", lambda: f"/admin/pages/{_last_child(NewsPage)}/edit/"),
    AdminView("edit: service page", lambda: f"/admin/pages/{_last_child(ServicePage)}/edit/"),
    AdminView("edit: home page", lambda: f"/admin/pages/{_pk(HomePage)}/edit/"),
    AdminView("add: news page", lambda: f"/admin/pages/add/cms/newspage/{_pk(NewsIndexPage)}/"),
    AdminView("page search", lambda: f"/admin/pages/search/?q={SEARCH_TERM}"),
    AdminView("page chooser: news index", lambda: f"/admin/choose-page/{_pk(NewsIndexPage)}/"),
    AdminView("page chooser: search", lambda: f"/admin/choose-page/search/?q={SEARCH_TERM}"),
    # The home page's "highlighted services" field chooses among services only.
    AdminView("page chooser: services", lambda: "/admin/choose-page/?page_type=cms.servicepage"),
    AdminView("settings: branding", _branding_url),
    AdminView("snippets: alerts", lambda: "/admin/snippets/cms/alert/"),
    AdminView("snippets: service categories", lambda: "/admin/snippets/cms/servicecategory/"),
]


def admin_urls(schema: str = SCHEMA) -> dict[str, str]:
    with schema_context(schema):
        return {view.name: view.url() for view in ADMIN_VIEWS}


def editor_client(password: str, host: str = HOST) -> Client:
    client = host_client(host)
    response = client.post("/admin/login/", {"username": EDITOR_USERNAME, "password": password})
    assert response.status_code == 302
    return client
