"""RSS of news and of alerts; a JSON feed of alerts for the mobile app."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from cms.models.alerts import Alert

if TYPE_CHECKING:
    from cms.models import NewsIndexPage, NewsPage

FEED_ITEMS = 20


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page: NewsIndexPage) -> None:
        super().__init__()
        self.index_page = index_page

    def title(self) -> str:
        return self.index_page.title

    def link(self) -> str:
        return self.index_page.url

    def description(self) -> str:
        return self.index_page.intro or self.index_page.title

    def items(self) -> QuerySet[NewsPage]:
        return self.index_page.news()[:FEED_ITEMS]

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.lead

    def item_link(self, item: NewsPage) -> str:
        return item.url

    def item_pubdate(self, item: NewsPage) -> datetime:
        return timezone.make_aware(datetime.combine(item.date, time(8, 0)))


class AlertFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Ostrzeżenia"
    description = "Aktualne ostrzeżenia i komunikaty gminy"

    def link(self) -> str:
        return "/"

    def items(self) -> QuerySet[Alert]:
        return Alert.objects.active()

    def item_title(self, item: Alert) -> str:
        return item.labelled_title

    def item_description(self, item: Alert) -> str:
        return f"{item.message} ({item.area})"

    def item_link(self, item: Alert) -> str:
        return item.link_url or f"/#ostrzezenie-{item.pk}"

    def item_guid(self, item: Alert) -> str:
        return f"alert-{item.pk}"

    def item_pubdate(self, item: Alert) -> datetime:
        return item.valid_from


def alerts_json(request: HttpRequest) -> JsonResponse:
    """Active alerts for the mobile app and other consumers (no login needed)."""
    return JsonResponse(
        {
            "alerts": [
                {
                    "id": alert.pk,
                    "title": alert.title,
                    "message": alert.message,
                    "severity": alert.severity,
                    "area": alert.area,
                    "valid_from": alert.valid_from.isoformat(),
                    "valid_until": alert.valid_until.isoformat(),
                    "link": alert.link_url,
                }
                for alert in Alert.objects.active()
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )
