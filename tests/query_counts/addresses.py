"""Every address of a town's host, as the URL resolver knows it, and what the query-count
tests do with it: count the statements of a GET (``COUNTED``: how to build the address
from a stage's data, and the answer expected), or leave it out for a stated reason
(``SKIPPED``, ``SKIPPED_PREFIXES``). A new address in ``eurzad.urls_tenant`` is in none of
them until someone decides, so the tests fail until it is counted or its skip explained."""

from __future__ import annotations

from collections.abc import Iterator
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
    register: str = ""  # a public register's slug
    entry: str = ""  # the number of one of the resident's entries in it
    budget_year: int = BUDGET_YEAR

    @property
    def schema(self) -> str:
        return self.resident.schema

    def values(self) -> dict[str, object]:
        """What the addresses of ``COUNTED`` are filled with."""
        resident = self.resident
        return {
            "property_id": self.property_id, "attachment": self.attachment_path,
            "register": self.register, "entry": self.entry, "year": self.budget_year,
            "obligation_id": resident.obligation_id, "payment_id": resident.payment_id,
            "case_id": resident.case_id, "document_id": resident.document_id,
            "notification_id": resident.notification_id, "intent_id": resident.intent_id,
            "intent_token": resident.intent_token, "request_id": resident.access_request_id,
            "draft_id": resident.draft_id, "application_id": resident.application_id,
        }  # fmt: skip


# address pattern → the address counted, filled from ``Stage.values``; "" for the pattern
# itself (one without parameters)
COUNTED: dict[str, str] = {
    # the resident area
    "konto/": "",
    "konto/twoje-dane/": "",
    "konto/historia-logowania/": "",
    "konto/aplikacja-mobilna/": "",
    "konto/wnioski/<int:request_id>/upo/": "/konto/wnioski/{request_id}/upo/",
    "konto/wnioski/<int:request_id>/upo.pdf": "/konto/wnioski/{request_id}/upo.pdf",
    "konto/wnioski/<int:request_id>/upo.xml": "/konto/wnioski/{request_id}/upo.xml",
    "konto/powiadomienia/": "",
    "konto/powiadomienia/<int:notification_id>/": "/konto/powiadomienia/{notification_id}/",
    "konto/powiadomienia/ustawienia/": "",
    "konto/powiadomienia/web-push/klucz/": "",
    "konto/zobowiazania/": "",
    "konto/zobowiazania/<int:obligation_id>/": "/konto/zobowiazania/{obligation_id}/",
    "konto/zobowiazania/stawki-odsetek/": "",
    "konto/rozliczenie/": "",
    "konto/wplaty/": "",
    "konto/wplaty/<int:payment_id>/": "/konto/wplaty/{payment_id}/",
    "konto/wplaty/<int:payment_id>/potwierdzenie.pdf":
        "/konto/wplaty/{payment_id}/potwierdzenie.pdf",
    "konto/platnosci/": "",
    "konto/platnosci/koszyk/": "",
    "konto/platnosci/<int:intent_id>/": "/konto/platnosci/{intent_id}/",
    "konto/platnosci/<int:intent_id>/powrot/":
        "/konto/platnosci/{intent_id}/powrot/?t={intent_token}",
    "konto/sprawy/": "",
    "konto/sprawy/<int:case_id>/": "/konto/sprawy/{case_id}/",
    "konto/sprawy/<int:case_id>/odpowiedz/": "/konto/sprawy/{case_id}/odpowiedz/",
    "konto/sprawy/<int:case_id>/dokumenty/<int:document_id>/":
        "/konto/sprawy/{case_id}/dokumenty/{document_id}/",
    "konto/rejestry/": "",
    "konto/wnioski/": "",
    "pliki/<path:stored_name>": "{attachment}",
    # e-services: the list and a form's page (public), an application's pages (resident)
    "e-uslugi/": "",
    "e-uslugi/<slug:slug>/": "/e-uslugi/pismo-ogolne/",
    "e-uslugi/wniosek/<int:submission_id>/": "/e-uslugi/wniosek/{application_id}/",
    "e-uslugi/wniosek/<int:submission_id>/krok/<int:number>/":
        "/e-uslugi/wniosek/{draft_id}/krok/1/",
    "e-uslugi/wniosek/<int:submission_id>/podsumowanie/":
        "/e-uslugi/wniosek/{draft_id}/podsumowanie/",
    # public pages (the Wagtail tree: every page type, see ``page_paths``)
    WAGTAIL_PAGES: "/",
    # Words of the grown news only ("Krótki komunikat."): one page type in the results at
    # 1 and at 50 (Wagtail's specific() reads each type shown with one statement).
    "szukaj/": "/szukaj/?q=krotki+komunikat",
    "rejestry/": "",
    "rejestry/<slug:slug>/": "/rejestry/{register}/",
    "rejestry/<slug:slug>/<path:number>/": "/rejestry/{register}/{entry}/",
    "mienie/": "",
    "mienie/<int:property_id>/": "/mienie/{property_id}/",
    "budzet/": "",
    "budzet/<int:year>/": "/budzet/{year}/",
    "budzet/<int:year>.csv": "/budzet/{year}.csv",
    "sitemap.xml": "",
    "ostrzezenia/rss/": "",
    "ostrzezenia.json": "",
    "logowanie/": "",
    "offline/": "",
    "manifest.webmanifest": "",
}  # fmt: skip
# What is counted answers 200, but these
STATUS = {"konto/sprawy/<int:case_id>/dokumenty/<int:document_id>/": 302}  # to the download

POST_ONLY = "only POST: it changes something, then redirects"
SKIPPED: dict[str, str] = {
    "konto/dzialaj-jako/": POST_ONLY,
    "konto/platnosci/koszyk/usun/<int:installment_id>/": POST_ONLY,
    "konto/platnosci/zaplac/": POST_ONLY,
    "konto/platnosci/<int:intent_id>/anuluj/": POST_ONLY,
    "konto/powiadomienia/oznacz-przeczytane/": POST_ONLY,
    "konto/aplikacja-mobilna/urzadzenia/<int:device_id>/odlacz/": POST_ONLY,
    "e-uslugi/wniosek/<int:submission_id>/oplata/": POST_ONLY,
    "e-uslugi/wniosek/<int:submission_id>/podpis/": POST_ONLY,
    "e-uslugi/wniosek/<int:submission_id>/popraw/": POST_ONLY,
    "e-uslugi/wniosek/<int:submission_id>/usun/": POST_ONLY,
    "e-uslugi/wniosek/<int:submission_id>/podpis/gotowe/":
        "the signing service's way back: fetches the signed document, then a redirect",
    "e-uslugi/wniosek/<int:submission_id>/podpis/anulowano/":
        "the signing service's way back after cancelling: a redirect",
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
            .select_related("definition")
            .order_by("pk")
            .first()
        )
        assert entry is not None
    return Stage(
        resident=resident,
        property_id=property_id,
        page_paths=page_paths(resident.schema),
        attachment_path=letter.attachment.url,
        register=entry.definition.slug,
        entry=entry.number,
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
    values = stage.values()
    paths = {
        pattern: (address.format_map(values) or f"/{pattern}", STATUS.get(pattern, 200))
        for pattern, address in COUNTED.items()
        if pattern != WAGTAIL_PAGES
    }
    paths.update((label, (path, 200)) for label, path in stage.page_paths.items())
    for key, query in VARIANTS.items():
        path, status = paths[key]
        paths[key + query] = (path + query, status)
    return {key: count_statements(client, path, status) for key, (path, status) in paths.items()}
