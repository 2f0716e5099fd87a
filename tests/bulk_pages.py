"""Thousands of generated services in a town's catalogue (search plans and benchmark):
their words mixed from a vocabulary, so each word is in a few hundred of 10,000 services
like a common word of a real catalogue, and every service has one title of its own."""

from __future__ import annotations

from wagtail.models import Page

from cms.models import ServicePage
from tests.cms.page_tree import add_children

# The search index takes a batch in one INSERT: PostgreSQL allows 65,535 parameters.
BATCH = 1_000
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


def generated_service(n: int) -> ServicePage:
    """Service ``n`` (unsaved): the only one whose title ends with "sprawa n"."""
    words = VOCABULARY
    first, second = words[n % len(words)], words[(n * 7 + 3) % len(words)]
    third, fourth = words[(n * 13 + 5) % len(words)], words[(n * 17 + 1) % len(words)]
    return ServicePage(
        title=f"{first.capitalize()} {second} – sprawa {n}",
        slug=f"usluga-{n}",
        summary=f"Usługa dotyczy: {first}, {second}, {third}.",
        purpose=f"<p>Załatwisz sprawę ({third}, {fourth}) w urzędzie; numer {n}.</p>",
    )


def add_services(catalogue: Page, count: int) -> None:
    """Publish ``count`` generated services (numbered from 0) under ``catalogue``, in the
    search index, the tables analysed (tests.cms.page_tree.add_children)."""
    for start in range(0, count, BATCH):
        stop = min(start + BATCH, count)
        add_children(catalogue, [generated_service(n) for n in range(start, stop)])
