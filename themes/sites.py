"""The Wagtail site a town's host is served by, and the root paths of the town's sites,
remembered per town (:mod:`eurzad.core.town_memo`): Wagtail looks the site up (and the
templates its root page) on every request otherwise, and reads the root paths from the
shared cache for every page that shows a link to a page."""

from __future__ import annotations

import copy

from wagtail.models import Site
from wagtail.models.sites import SiteRootPath, get_site_for_hostname

from eurzad.core.town_memo import town_memo


def _load(hostname: str, port: str) -> Site | None:
    try:
        return get_site_for_hostname(hostname, port)  # with its root page
    except Site.DoesNotExist:
        return None


def site_for_host(hostname: str, port: str) -> Site | None:
    """The site Wagtail would find for ``hostname:port`` in the current town: a copy of
    the remembered one, with its own copy of the root page (a request may cache things
    on them, e.g. the page's ``specific`` instance)."""
    site = town_memo.remember(("wagtail-site", hostname, port), lambda: _load(hostname, port))
    if site is None:
        return None
    own = copy.copy(site)
    own.root_page = copy.copy(site.root_page)
    return own


def site_root_paths() -> list[SiteRootPath]:
    """``Site.get_site_root_paths()`` of the current town. A page's URL changes only with
    a publish, move or site change, each of which starts a new generation of the memo."""
    return town_memo.remember("site-root-paths", Site.get_site_root_paths)
