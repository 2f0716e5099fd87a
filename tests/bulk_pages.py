"""Thousands of live service pages in a town's catalogue, fast (search plans, benchmarks).

``add_child`` for each page would take minutes: every call reads the parent's last child,
updates the parent and re-indexes the page, and the search index recomputes its title
norms over the whole index each time. Here the tree paths are computed the way treebeard
does (``_get_path``, steps after the last child), the page rows and the service rows are
inserted in batches, the parent's ``numchild`` is set once and the pages go into the
search index through the search backend's own bulk call (what ``update_index`` does).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.models import ServicePage

BATCH = 500
# Words of a town's services, mixed into generated titles and texts: each one ends up in
# a few hundred of 10,000 services, like a common word of a real catalogue.
_WORDS = (
    "podatek opłata zezwolenie wniosek deklaracja zaświadczenie rejestracja meldunek odpady "
    "woda ścieki droga działka budynek źródło gospodarstwo rolne leśne transport alkohol "
    "sprzedaż dzierżawa najem lokal mieszkanie szkoła przedszkole żłobek cmentarz grób "
    "pomnik drzewo krzew zieleń park ogród plac parking pas zajęcie reklama szyld impreza "
    "zgromadzenie psy zwierzęta ulga umorzenie raty zaległość nadpłata zwrot akcyza paliwo "
    "rolnik las grunt księga wypis wyrys plan warunki zabudowa decyzja hałas azbest piec "
    "dotacja wymiana kocioł fotowoltaika stypendium pomoc dodatek karta rodzina senior"
)
VOCABULARY = _WORDS.split()


@dataclass(frozen=True)
class ServiceText:
    """What a generated service page says."""

    slug: str
    title: str
    summary: str
    purpose: str = ""


def generated_services(count: int, start: int = 0) -> list[ServiceText]:
    """``count`` services numbered from ``start``, their words from :data:`VOCABULARY`;
    service ``n`` is the only one whose title ends with "sprawa n"."""
    words = VOCABULARY
    services = []
    for n in range(start, start + count):
        first, second = words[n % len(words)], words[(n * 7 + 3) % len(words)]
        third, fourth = words[(n * 13 + 5) % len(words)], words[(n * 17 + 1) % len(words)]
        services.append(
            ServiceText(
                slug=f"usluga-{n}",
                title=f"{first.capitalize()} {second} – sprawa {n}",
                summary=f"Usługa dotyczy: {first}, {second}, {third}.",
                purpose=f"<p>Załatwisz sprawę ({third}, {fourth}) w urzędzie; numer {n}.</p>",
            )
        )
    return services


def add_services(catalogue: Page, services: Iterable[ServiceText]) -> list[int]:
    """Append live services under ``catalogue`` (in the current schema); their ids."""
    catalogue.refresh_from_db()
    last = catalogue.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(ServicePage)
    now = timezone.now()
    pages = []
    for step, service in enumerate(services, start=step + 1):
        pages.append(
            ServicePage(
                title=service.title,
                draft_title=service.title,
                slug=service.slug,
                path=Page._get_path(catalogue.path, catalogue.depth + 1, step),
                depth=catalogue.depth + 1,
                numchild=0,
                url_path=f"{catalogue.url_path}{service.slug}/",
                locale_id=catalogue.locale_id,
                content_type=content_type,
                live=True,
                first_published_at=now,
                last_published_at=now,
                summary=service.summary,
                purpose=service.purpose,
            )
        )
    ids = []
    for start in range(0, len(pages), BATCH):
        batch = pages[start : start + BATCH]
        # bulk_create refuses multi-table models: the page rows first, then the service
        # rows under the ids PostgreSQL returned (the insert Model.save() makes).
        Page.objects.bulk_create([page.page_ptr for page in _with_page_ptrs(batch)])
        for page in batch:
            page.page_ptr_id = page.page_ptr.pk
            page.id = page.page_ptr.pk
        ServicePage._base_manager._insert(batch, fields=ServicePage._meta.local_concrete_fields)
        ids += [page.pk for page in batch]
    Page.objects.filter(pk=catalogue.pk).update(numchild=catalogue.numchild + len(pages))
    backend = get_search_backend()
    for start in range(0, len(ids), BATCH):
        backend.add_bulk(ServicePage, ServicePage.objects.filter(pk__in=ids[start : start + BATCH]))
    return ids


def _with_page_ptrs(services: list[ServicePage]) -> list[ServicePage]:
    """Give each service an unsaved parent ``Page`` row carrying its page fields."""
    fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    for service in services:
        service.page_ptr = Page(**{name: getattr(service, name) for name in fields})
    return services
