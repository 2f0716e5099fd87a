"""Every address of a town's host, as the URL resolver knows it, and what the query-count
tests do with it: count the statements of a GET (``COUNTED``: how to build the address
from a stage's data, and the answer expected), or leave it out for a stated reason
(``SKIPPED``, ``SKIPPED_PREFIXES``). A new address in ``eurzad.urls_tenant`` is in none of
them until someone decides, so the tests fail until it is counted or its skip explained."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connection
from django.http import HttpResponseBase
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django_tenants.utils import schema_context
from wagtail.models import Page, Site, get_page_models

from eurzad.cases.models import CaseDocument
from eurzad.registers.models import RegisterEntry
from tests.query_counts.content import BUDGET_YEAR
from tests.query_counts.residents import ResidentData

WAGTAIL_PAGES = "^((?:[\\w\\-]+/)*)$"
# Addresses and page types counted once more with a query string: it shows another list.
VARIANTS = {
    "budzet/<int:year>/": "?dzial=801",
    "cms.NewsIndexPage": "?tag=komunikat",
    "cms.ServiceCatalogueIndexPage": "?q=wniosek",
}


@dataclass
class Stage:
    """The data one round of counting reads: the resident's, and the town's."""

    resident: ResidentData
    property_id: int
    page_paths: dict[str, str] = field(default_factory=dict)  # page model → its address
    attachment_path: str = ""
    entry: tuple[str, str] = ("", "")  # a public register's slug, an entry's number
    budget_year: int = BUDGET_YEAR

    @property
    def schema(self) -> str:
        return self.resident.schema


def _r(stage: Stage) -> ResidentData:
    return stage.resident


Address = Callable[[Stage], str]

# address pattern → (the address for a stage, the status its GET answers)
COUNTED: dict[str, tuple[Address, int]] = {
    # the resident area
    "konto/": (lambda s: "/konto/", 200),
    "konto/twoje-dane/": (lambda s: "/konto/twoje-dane/", 200),
    "konto/historia-logowania/": (lambda s: "/konto/historia-logowania/", 200),
    "konto/aplikacja-mobilna/": (lambda s: "/konto/aplikacja-mobilna/", 200),
    "konto/wnioski/<int:request_id>/upo.xml": (
        lambda s: f"/konto/wnioski/{_r(s).access_request_id}/upo.xml", 200),
    "konto/powiadomienia/": (lambda s: "/konto/powiadomienia/", 200),
    "konto/powiadomienia/<int:notification_id>/": (
        lambda s: f"/konto/powiadomienia/{_r(s).notification_id}/", 200),
    "konto/powiadomienia/ustawienia/": (lambda s: "/konto/powiadomienia/ustawienia/", 200),
    "konto/powiadomienia/web-push/klucz/": (lambda s: "/konto/powiadomienia/web-push/klucz/", 200),
    "konto/zobowiazania/": (lambda s: "/konto/zobowiazania/", 200),
    "konto/zobowiazania/<int:obligation_id>/": (
        lambda s: f"/konto/zobowiazania/{_r(s).obligation_id}/", 200),
    "konto/wplaty/": (lambda s: "/konto/wplaty/", 200),
    "konto/wplaty/<int:payment_id>/": (lambda s: f"/konto/wplaty/{_r(s).payment_id}/", 200),
    "konto/wplaty/<int:payment_id>/potwierdzenie.pdf": (
        lambda s: f"/konto/wplaty/{_r(s).payment_id}/potwierdzenie.pdf", 200),
    "konto/platnosci/": (lambda s: "/konto/platnosci/", 200),
    "konto/platnosci/koszyk/": (lambda s: "/konto/platnosci/koszyk/", 200),
    "konto/platnosci/<int:intent_id>/": (lambda s: f"/konto/platnosci/{_r(s).intent_id}/", 200),
    "konto/platnosci/<int:intent_id>/powrot/": (
        lambda s: f"/konto/platnosci/{_r(s).intent_id}/powrot/?t={_r(s).intent_token}", 200),
    "konto/sprawy/": (lambda s: "/konto/sprawy/", 200),
    "konto/sprawy/<int:case_id>/": (lambda s: f"/konto/sprawy/{_r(s).case_id}/", 200),
    "konto/sprawy/<int:case_id>/dokumenty/<int:document_id>/": (
        lambda s: f"/konto/sprawy/{_r(s).case_id}/dokumenty/{_r(s).document_id}/", 302),
    "konto/rejestry/": (lambda s: "/konto/rejestry/", 200),
    "pliki/<path:stored_name>": (lambda s: s.attachment_path, 200),
    # public pages (the Wagtail tree: every page type, see ``page_paths``)
    WAGTAIL_PAGES: (lambda s: "/", 200),
    "szukaj/": (lambda s: "/szukaj/?q=komunikat", 200),
    "rejestry/": (lambda s: "/rejestry/", 200),
    "rejestry/<slug:slug>/": (lambda s: f"/rejestry/{s.entry[0]}/", 200),
    "rejestry/<slug:slug>/<path:number>/": (lambda s: f"/rejestry/{s.entry[0]}/{s.entry[1]}/", 200),
    "mienie/": (lambda s: "/mienie/", 200),
    "mienie/<int:property_id>/": (lambda s: f"/mienie/{s.property_id}/", 200),
    "budzet/": (lambda s: "/budzet/", 200),
    "budzet/<int:year>/": (lambda s: f"/budzet/{s.budget_year}/", 200),
    "budzet/<int:year>.csv": (lambda s: f"/budzet/{s.budget_year}.csv", 200),
    "sitemap.xml": (lambda s: "/sitemap.xml", 200),
    "ostrzezenia/rss/": (lambda s: "/ostrzezenia/rss/", 200),
    "ostrzezenia.json": (lambda s: "/ostrzezenia.json", 200),
    "logowanie/": (lambda s: "/logowanie/", 200),
    "offline/": (lambda s: "/offline/", 200),
    "manifest.webmanifest": (lambda s: "/manifest.webmanifest", 200),
}  # fmt: skip

POST_ONLY = "only POST: it changes something, then redirects"
SKIPPED: dict[str, str] = {
    "konto/dzialaj-jako/": POST_ONLY,
    "konto/platnosci/koszyk/usun/<int:installment_id>/": POST_ONLY,
    "konto/platnosci/zaplac/": POST_ONLY,
    "konto/powiadomienia/oznacz-przeczytane/": POST_ONLY,
    "konto/aplikacja-mobilna/urzadzenia/<int:device_id>/odlacz/": POST_ONLY,
    "konto/powiadomienia/web-push/": "the browser's POST and DELETE of its push subscription",
    "logowanie/start/": "a redirect to login.gov.pl",
    "logowanie/acs/": "login.gov.pl's answer (POST or artifact), then a redirect",
    "logowanie/wyloguj/": "logs out, then a redirect",
    "logowanie/slo/": "login.gov.pl's single logout, then a redirect",
    "logowanie/demo/": "the demo login: POST, then a redirect",
    "logowanie/metadata/": "the signed SAML metadata: one document, no data of anyone",
    "logowanie/wniosek/": "only right after login.gov.pl confirms an unknown person: one form",
    "logowanie/wniosek/wyslany/": "the receipt of the request just filed: one row",
    "platnosci/<slug:gateway>/powiadomienie/": "the payment gateway's POST",
    "^media/(?P<schema>[^/]+)/(?P<path>.+)$": "public media files (the web server's in production)",
    "sw.js": "the service worker: a static file",
    "pwa/ikona-<int:size>.png": "the app icon: an image drawn from the branding",
    "pwa/ikona-<int:size>-maskable.png": "the app icon: an image drawn from the branding",
}  # fmt: skip

SKIPPED_PREFIXES: dict[str, str] = {
    "admin/": "the Wagtail admin: the office's staff, not residents or the public",
    "documents/": "Wagtail documents: file downloads",
    "api/": "the JSON API: counted in tests/api and tests/perf",
    "^api/": "the JSON API's 404 for unknown addresses",
    "symulator-push/": "the push providers' simulator (development and tests only)",
    "_util/": "Wagtail's forms of password-protected pages",
}


def _walk(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def town_addresses() -> set[str]:
    """Every address pattern of a town's host (``eurzad.urls_tenant``), the language
    prefix left out (``/en/…`` serves the same views)."""
    return set(_walk(get_resolver("eurzad.urls_tenant").url_patterns))


def skipped_by_prefix(address: str) -> bool:
    return address.startswith(tuple(SKIPPED_PREFIXES))


def town_page_models() -> set[str]:
    """The page types a town's editors can create (``app_label.ModelName``)."""
    return {
        model._meta.label for model in get_page_models()
        if model is not Page and model.is_creatable
    }  # fmt: skip


def page_paths(schema: str) -> dict[str, str]:
    """One live page of each type of the town's Polish tree, by page model."""
    with schema_context(schema):
        site = Site.objects.get(is_default_site=True)
        paths: dict[str, str] = {}
        for page in site.root_page.get_descendants(inclusive=True).live().specific():
            label = page.specific_class._meta.label
            if label not in paths:
                _site_id, _root, path = page.get_url_parts()
                paths[label] = path
        return paths


def town_stage(resident: ResidentData, property_id: int) -> Stage:
    """The addresses' data for counting as ``resident`` in their town."""
    with schema_context(resident.schema):
        letter = CaseDocument.objects.get(pk=resident.document_id)
        entry = (
            RegisterEntry.objects.filter(party=resident.party, definition__is_public=True)
            .select_related("definition").order_by("pk").first()
        )  # fmt: skip
        assert entry is not None
    return Stage(
        resident=resident,
        property_id=property_id,
        page_paths=page_paths(resident.schema),
        attachment_path=letter.attachment.url,
        entry=(entry.definition.slug, entry.number),
    )


@dataclass(frozen=True)
class Counted:
    """One GET's statements (``SET search_path`` left out) and its body."""

    statements: list[str]
    body: str


def _body(response: HttpResponseBase) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        content = response.content  # type: ignore[attr-defined]
    return content.decode("utf-8", errors="replace")


def count_statements(client: Client, path: str, status: int = 200) -> Counted:
    """The statements of a GET of ``path``, after one GET that warms the per-process
    caches (the site root, settings, routing)."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        body = _body(response)
    assert response.status_code == status, f"{path}: {response.status_code}, not {status}"
    statements = [
        query["sql"] for query in captured.captured_queries
        if not query["sql"].lstrip().upper().startswith("SET SEARCH_PATH")
    ]  # fmt: skip
    return Counted(statements, body)


def count_every_address(client: Client, stage: Stage) -> dict[str, Counted]:
    """Every counted address, and every page type of the Wagtail tree, for ``stage``."""
    paths = {
        pattern: (address(stage), status)
        for pattern, (address, status) in COUNTED.items()
        if pattern != WAGTAIL_PAGES
    }
    paths.update((label, (path, 200)) for label, path in stage.page_paths.items())
    for key, query in VARIANTS.items():
        path, status = paths[key]
        paths[key + query] = (path + query, status)
    return {key: count_statements(client, path, status) for key, (path, status) in paths.items()}
