"""Which URLs of a town the browser tests visit.

Every page the town's /sitemap.xml lists, plus EXTRA_PATHS: what is not a page in the
sitemap but is still shown to residents (the home page, the 404 page; search results,
feeds…). Extend EXTRA_PATHS when adding such a view, and EXPECTED_STATUS when it does not
answer 200.
"""

from __future__ import annotations

import http.client
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

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
    "/budzet/",  # the town's budget: years and totals (Głogów's year pages: tests/budget)
    "/nie-ma-takiej-strony/",  # the 404 page must be accessible too
    "/rejestry/",
    "/rejestry/umowy-dzierzawy-najmu/",
    "/rejestry/umowy-dzierzawy-najmu/?q=zzzqqq",  # no entries
    "/mienie/",
    "/mienie/?oferta=sale&pow_od=500",
]

# The status a path answers with when it is not 200.
EXPECTED_STATUS: dict[str, int] = {
    "/nie-ma-takiej-strony/": 404,
}

# Mój e-Urząd: visited by a resident logged in through the login.gov.pl simulator
# (tests/e2e/test_account_pages.py), never by an anonymous visitor, who is sent to
# /logowanie/. Extend it when adding a page under /konto/.
ACCOUNT_PATHS: list[str] = [
    "/konto/",
    "/konto/twoje-dane/",
    "/konto/zobowiazania/",
    "/konto/wplaty/",
    "/konto/historia-logowania/",
    "/konto/aplikacja-mobilna/",
    "/konto/powiadomienia/",
]

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_MAX_SITEMAPS = 50  # a sitemap index lists sitemaps; never follow more than this many


class SitemapError(AssertionError):
    """The sitemap exists but cannot be read: a bug the browser tests report."""


def get(port: int, host: str, path: str, timeout: float = 30) -> tuple[int, bytes]:
    """GET http://<host>:<port><path> from the server on 127.0.0.1 (no name lookup)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": f"{host}:{port}"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


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


def town_paths(port: int, host: str) -> list[str]:
    """Every path to visit on a town's host: its sitemap's pages, then EXTRA_PATHS."""
    return list(dict.fromkeys([*sitemap_paths(port, host), *EXTRA_PATHS]))


def expected_status(path: str) -> int:
    return EXPECTED_STATUS.get(path, 200)
