"""Which URLs of a town the browser tests visit.

Every page the town's /sitemap.xml lists, plus EXTRA_PATHS: what is not a page in the
sitemap but is still shown to residents (the home page, the 404 page; search results,
feeds…), plus the pages found by following LINKS: those whose paths depend on the town's
data (budget years and their drill-down, register entries, properties). Extend
EXTRA_PATHS when adding such a view, LINKS when its paths come from the town's data, and
EXPECTED_STATUS when it does not answer 200. TOWN_LINKS says which of LINKS each demo
town's data must lead to, so that a broken link cannot quietly shrink what is tested.
"""

from __future__ import annotations

import http.client
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

SITEMAP_PATH = "/sitemap.xml"

# Paths visited on every town's host besides the pages of its sitemap.
EXTRA_PATHS: list[str] = [
    "/",
    "/en/",  # the English home page (a translation, not in the sitemap)
    "/logowanie/",
    "/szukaj/?q=podatek",
    "/szukaj/?q=zzzqqq",  # no results
    "/katalog-uslug/?kategoria=podatki-i-oplaty&q=podatek",
    "/aktualnosci/?tag=odpady",
    "/budzet/",  # the town's budget: years and totals (the year pages: LINKS)
    "/nie-ma-takiej-strony/",  # the 404 page must be accessible too
    "/rejestry/",
    "/rejestry/umowy-dzierzawy-najmu/",
    "/rejestry/umowy-dzierzawy-najmu/?q=zzzqqq",  # no entries
    "/mienie/",
    "/mienie/?oferta=sale&pow_od=500",
    "/mienie/?pow_od=abc&pow_do=1e999999",  # refused filters: the form shows the errors
    "/szukaj/?q=%00",  # a control character: the page that refuses the address
    "/offline/",  # what the installed app shows without a network
]

# The status a path answers with when it is not 200.
EXPECTED_STATUS: dict[str, int] = {
    "/nie-ma-takiej-strony/": 404,
    "/mienie/?pow_od=abc&pow_do=1e999999": 400,
    "/szukaj/?q=%00": 400,
}

# Mój e-Urząd: visited by a resident logged in through the login.gov.pl simulator
# (tests/e2e/test_account_pages.py), never by an anonymous visitor, who is sent to
# /logowanie/. Extend it when adding a page under /konto/.
ACCOUNT_PATHS: list[str] = [
    "/konto/",
    "/konto/twoje-dane/",
    "/konto/zobowiazania/",
    "/konto/zobowiazania/stawki-odsetek/",
    "/konto/rozliczenie/",
    "/konto/wplaty/",
    "/konto/historia-logowania/",
    "/konto/aplikacja-mobilna/",
    "/konto/powiadomienia/",
    "/konto/powiadomienia/ustawienia/",
]


@dataclass(frozen=True)
class Link:
    """Links to follow: on each page at a path matching ``on``, the first ``limit`` links
    of its <main> whose path (and query) matches ``to`` (every one when limit is None)."""

    name: str
    on: str
    to: str
    limit: int | None = 1
    browse: bool = True  # False: a download, fetched (tests/e2e/test_linked_pages.py) but not shown


# Followed from LINK_START, breadth first; each pattern is matched as a whole.
LINK_START: list[str] = ["/budzet/", "/rejestry/", "/mienie/"]
LINKS: list[Link] = [
    Link("budget year", on=r"/budzet/", to=r"/budzet/\d{4}/", limit=None),
    Link("budget csv", on=r"/budzet/", to=r"/budzet/\d{4}\.csv", limit=None, browse=False),
    Link("budget dział", on=r"/budzet/\d{4}/", to=r"/budzet/\d{4}/\?dzial=\d{3}"),
    Link(
        "budget rozdział", on=r"/budzet/\d{4}/\?dzial=\d{3}", to=r"/budzet/\d{4}/\?rozdzial=\d{5}"
    ),
    Link("register", on=r"/rejestry/", to=r"/rejestry/[\w-]+/", limit=None),
    Link("register entry", on=r"/rejestry/[\w-]+/", to=r"/rejestry/[\w-]+/[^?#]+/"),
    Link("property", on=r"/mienie/", to=r"/mienie/\d+/"),
]

# What each demo town's data leads to (keyed by schema name): the least number of
# paths each of LINKS must find. Only Głogów has a budget (two years, demo/budget.py).
TOWN_LINKS: dict[str, dict[str, int]] = {
    "glogow": {
        "budget year": 2,
        "budget csv": 2,
        "budget dział": 2,
        "budget rozdział": 2,
        "register": 2,
        "register entry": 2,
        "property": 1,
    },
    "zembrzyce": {"register": 1, "register entry": 1, "property": 1},
}

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_MAX_SITEMAPS = 50  # a sitemap index lists sitemaps; never follow more than this many


class SitemapError(AssertionError):
    """The sitemap exists but cannot be read: a bug the browser tests report."""


def fetch(
    port: int, host: str, path: str, timeout: float = 30
) -> tuple[int, dict[str, str], bytes]:
    """GET http://<host>:<port><path> from the server on 127.0.0.1 (no name lookup):
    status, headers (names in lower case) and body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": f"{host}:{port}"})
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read()
    finally:
        connection.close()


def get(port: int, host: str, path: str, timeout: float = 30) -> tuple[int, bytes]:
    """GET http://<host>:<port><path> from the server on 127.0.0.1: status and body."""
    status, _headers, body = fetch(port, host, path, timeout)
    return status, body


def local_path(url: str) -> str:
    """The path and query of a URL: sitemap URLs name the town's public host and port
    (http://zembrzyce.localhost/…), the tests browse the live server's."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def sitemap_paths(port: int, host: str) -> list[str]:
    """Paths of every <loc> in the host's sitemap (following a sitemap index);
    [] while the host has no sitemap (404)."""
    status, body = get(port, host, SITEMAP_PATH)
    if status == 404:
        return []
    paths: list[str] = []
    pending = [(SITEMAP_PATH, status, body)]
    seen = {SITEMAP_PATH}
    while pending:
        sitemap, status, body = pending.pop(0)
        if status != 200:
            raise SitemapError(f"http://{host}:{port}{sitemap} answered {status}")
        try:
            root = ET.fromstring(body)  # our own server's sitemap
        except ET.ParseError as error:
            raise SitemapError(f"http://{host}:{port}{sitemap} is not XML: {error}") from None
        locs = [loc.text or "" for loc in root.iter(f"{_SITEMAP_NS}loc")]
        if root.tag == f"{_SITEMAP_NS}sitemapindex":
            for loc in locs:
                child = local_path(loc)
                if child not in seen and len(seen) < _MAX_SITEMAPS:
                    seen.add(child)
                    pending.append((child, *get(port, host, child)))
        else:
            paths.extend(local_path(loc) for loc in locs if loc.strip())
    return paths


class _MainLinks(HTMLParser):
    """The href of every <a> inside <main>, in document order (the header's and footer's
    navigation is the same on every page and leads elsewhere)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self._in_main = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self._in_main += 1
        elif tag == "a" and self._in_main:
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main" and self._in_main:
            self._in_main -= 1


def main_links(url: str, html: str) -> list[str]:
    """The paths (with query) on the same host that the links in <main> of the page at
    ``url`` lead to, fragments dropped."""
    parser = _MainLinks()
    parser.feed(html)
    parser.close()
    netloc = urlsplit(url).netloc
    paths = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin(url, href))
        if parts.scheme in ("http", "https") and parts.netloc == netloc:
            paths.append(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    return paths


def linked_paths(port: int, host: str) -> dict[str, list[str]]:
    """The paths each of LINKS finds on the host, following links from LINK_START; a page
    that does not answer 200 leads nowhere (the browser test then reports its status)."""
    found: dict[str, list[str]] = {link.name: [] for link in LINKS}
    pending, seen = list(LINK_START), set(LINK_START)
    while pending:
        path = pending.pop(0)
        status, body = get(port, host, path)
        if status != 200:
            continue
        hrefs = main_links(f"http://{host}:{port}{path}", body.decode("utf-8", errors="replace"))
        for link in LINKS:
            if not re.fullmatch(link.on, path):
                continue
            matches = [href for href in dict.fromkeys(hrefs) if re.fullmatch(link.to, href)]
            for href in matches[: link.limit]:
                if href in seen:
                    continue
                seen.add(href)
                found[link.name].append(href)
                if link.browse:
                    pending.append(href)
    return found


def town_paths(port: int, host: str) -> list[str]:
    """Every path to visit on a town's host: its sitemap's pages, EXTRA_PATHS, then the
    pages LINKS lead to (downloads left out)."""
    browsed = {link.name for link in LINKS if link.browse}
    linked = [
        path
        for name, paths in linked_paths(port, host).items()
        if name in browsed
        for path in paths
    ]
    return list(dict.fromkeys([*sitemap_paths(port, host), *EXTRA_PATHS, *linked]))


def expected_status(path: str) -> int:
    return EXPECTED_STATUS.get(path, 200)
