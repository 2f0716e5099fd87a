"""Mój e-Urząd → Powiadomienia → Ustawienia: the language and, per kind, e-mail and push;
an accessible form; nothing of it on another town's host."""

from __future__ import annotations

from django_tenants.utils import schema_context

from eurzad.notifications.kinds import configurable_kinds
from eurzad.notifications.models import NotificationPreferences
from eurzad.notifications.preferences import language_for, wants
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client
from tests.finance.factories import logged_in
from tests.notifications.helpers import resident

PATH = "/konto/powiadomienia/ustawienia/"


def test_the_settings_page_has_a_fieldset_per_kind_and_the_browser_push_toggle(towns):
    anna = resident("zembrzyce")
    page = logged_in("zembrzyce", ZEMBRZYCE_HOST, anna).get(PATH)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    assert "<legend>Język powiadomień</legend>" in html
    for kind in configurable_kinds():
        assert f"<legend>{kind.label}</legend>" in html
        assert f'<label for="id_{kind.name}-email">' in html
        assert f'<label for="id_{kind.name}-push">' in html
    assert 'id="id_payment_confirmed-email" checked' in html.replace('type="checkbox" ', "")
    assert "data-push-toggle" in html


def test_the_notifications_list_links_to_the_settings(towns):
    anna = resident("zembrzyce")
    html = logged_in("zembrzyce", ZEMBRZYCE_HOST, anna).get("/konto/powiadomienia/")
    assert f'href="{PATH}"' in html.content.decode()


def test_saving_the_settings_changes_what_the_resident_is_sent(towns):
    anna = resident("zembrzyce")
    client = logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)
    answer = client.post(
        PATH, {"language": "en", "case_letter-push": "on", "payment_confirmed-email": "on"}
    )
    assert answer.status_code == 302 and answer["Location"] == PATH
    with schema_context("zembrzyce"):
        assert language_for(anna.user) == "en"
        assert wants(anna, "case_letter", "push") and not wants(anna, "case_letter", "email")
        assert wants(anna, "payment_confirmed", "email")
        assert not wants(anna, "payment_confirmed", "push")
    assert "Zapisano ustawienia powiadomień." in client.get(PATH).content.decode()


def test_a_bad_language_is_named_in_an_error_summary_and_nothing_is_saved(towns):
    anna = resident("zembrzyce")
    client = logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)
    answer = client.post(PATH, {"language": "de", "case_letter-push": "on"})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert '<a href="#id_language_0">Język powiadomień: Wybierz język z listy' in html
    assert 'id="id_language_error"' in html
    with schema_context("zembrzyce"):
        assert not NotificationPreferences.objects.filter(resident=anna).exists()


def test_the_settings_page_in_english(towns):
    anna = resident("zembrzyce")
    page = logged_in("zembrzyce", ZEMBRZYCE_HOST, anna).get("/en" + PATH)
    assert page.status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(towns):
    answer = host_client(ZEMBRZYCE_HOST).get(PATH)
    assert answer.status_code == 302 and answer["Location"].startswith("/logowanie/")


def test_a_zembrzyce_session_changes_nothing_on_glogow(towns):
    anna = resident("zembrzyce")
    zembrzyce = logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)
    glogow = host_client(GLOGOW_HOST)
    glogow.cookies["sessionid"] = zembrzyce.cookies["sessionid"].value
    for answer in (glogow.get(PATH), glogow.post(PATH, {"language": "en"})):
        assert answer.status_code == 302 and answer["Location"].startswith("/logowanie/")
    with schema_context("zembrzyce"):
        assert language_for(anna.user) == "pl"
    with schema_context("glogow"):
        assert not NotificationPreferences.objects.exists()
