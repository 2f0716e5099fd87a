"""Alerts appear on every page while valid and disappear by themselves."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tenants.utils import schema_context

from cms.alerts import next_alert_change
from cms.models import Alert
from eurzad.core.page_cache import AnonymousPageCacheMiddleware


@pytest.mark.parametrize("path", ["/", "/kontakt/", "/katalog-uslug/", "/aktualnosci/"])
def test_active_alert_is_in_the_banner_of_every_page(zembrzyce, path):
    with schema_context("zembrzyce"):
        active = Alert.objects.active().get()
        expired = Alert.objects.exclude(pk=active.pk).get()
    html = zembrzyce.get(path).content.decode()
    assert 'class="alerts"' in html
    assert active.title in html
    assert expired.title not in html


def test_alert_of_one_town_never_shows_in_the_other(zembrzyce, glogow):
    with schema_context("zembrzyce"):
        title = Alert.objects.active().get().title
    assert title not in glogow.get("/").content.decode()


def test_expired_alert_disappears_and_cached_pages_do_not_outlive_it(zembrzyce):
    now = timezone.now()
    with schema_context("zembrzyce"):
        alert = Alert.objects.active().get()
        Alert.objects.filter(pk=alert.pk).update(valid_until=now + timedelta(seconds=40))
        assert next_alert_change(now) == now + timedelta(seconds=40)
    middleware = AnonymousPageCacheMiddleware(lambda request: None)
    with schema_context("zembrzyce"):
        assert middleware._timeout(now.timestamp()) <= 40
        Alert.objects.filter(pk=alert.pk).update(valid_until=now - timedelta(seconds=1))
    assert alert.title not in zembrzyce.get("/").content.decode()


def test_alert_must_end_after_it_starts(towns):
    now = timezone.now()
    alert = Alert(title="x", message="y", valid_from=now, valid_until=now - timedelta(hours=1))
    with pytest.raises(ValidationError, match="Koniec musi być po początku"):
        alert.full_clean()


def test_saving_an_alert_refreshes_cached_pages(zembrzyce):
    zembrzyce.get("/")
    assert zembrzyce.get("/")["X-Page-Cache"] == "hit"
    with schema_context("zembrzyce"):
        Alert.objects.create(
            title="Przerwa w dostawie wody – test",
            message="Wyłączenie sieci.",
            severity="warning",
            valid_until=timezone.now() + timedelta(hours=2),
        )
    html = zembrzyce.get("/").content.decode()
    assert "Przerwa w dostawie wody – test" in html


@pytest.mark.parametrize(
    ("severity", "title", "shown"),
    [
        ("warning", "Ostrzeżenie meteorologiczne IMGW", "Ostrzeżenie meteorologiczne IMGW"),
        ("warning", "Burze z gradem", "Ostrzeżenie: Burze z gradem"),
        ("danger", "zagrożenie powodziowe", "zagrożenie powodziowe"),
        ("info", "Przerwa w dostawie wody", "Informacja: Przerwa w dostawie wody"),
    ],
)
def test_the_severity_is_named_once(severity, title, shown):
    assert Alert(title=title, severity=severity).labelled_title == shown


def test_the_banner_does_not_say_ostrzezenie_twice(zembrzyce):
    with schema_context("zembrzyce"):
        alert = Alert.objects.active().get()
        Alert.objects.filter(pk=alert.pk).update(
            title="Ostrzeżenie meteorologiczne IMGW", severity="warning"
        )
    html = zembrzyce.get("/kontakt/").content.decode()
    assert "Ostrzeżenie meteorologiczne IMGW" in html
    assert "Ostrzeżenie: Ostrzeżenie" not in html
