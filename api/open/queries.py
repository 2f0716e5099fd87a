"""What the open data publishes from the town's site: alerts, and only live, public
pages of the town's own Wagtail site. Registers, budget and property come from the
queries of :mod:`eurzad.registers` that the public pages use."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Site

from cms.models import Alert, LifeSituation, NewsPage, ServiceCategory, ServicePage

RECENT_ALERTS = timedelta(days=30)


def published_alerts(now: datetime | None = None) -> QuerySet[Alert]:
    """Alerts in force now or ended within the last 30 days (none announced for later),
    newest first."""
    moment = now or timezone.now()
    return Alert.objects.filter(
        valid_from__lte=moment, valid_until__gt=moment - RECENT_ALERTS
    ).order_by("-valid_from", "-pk")


def _site(request: HttpRequest) -> Site | None:
    return Site.find_for_request(request)


def published_news(request: HttpRequest) -> QuerySet[NewsPage]:
    """Live, public news of the host's site, newest first."""
    site = _site(request)
    if site is None:
        return NewsPage.objects.none()
    return (
        NewsPage.objects.live()
        .public()
        .in_site(site)
        .prefetch_related("tags")
        .order_by("-date", "-pk")
    )


def published_services(request: HttpRequest) -> QuerySet[ServicePage]:
    """Live, public services of the host's site, by title."""
    site = _site(request)
    if site is None:
        return ServicePage.objects.none()
    return (
        ServicePage.objects.live()
        .public()
        .in_site(site)
        .prefetch_related("categories", "life_situations")
        .order_by("title", "pk")
    )


def service_categories() -> QuerySet[ServiceCategory]:
    return ServiceCategory.objects.order_by("name", "pk")


def life_situations() -> QuerySet[LifeSituation]:
    return LifeSituation.objects.order_by("name", "pk")
