"""Mój e-Urząd (/konto/): a resident's own data, preferences, PIN and devices,
notifications, login history and acting for others — and nothing of anyone else's, nor of
another town."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.identity.acting import ACTING_PARTY_KEY
from eurzad.identity.models import MobileDevice, Representation, Resident
from eurzad.identity.pin import pair_device, set_pin
from eurzad.notifications.models import Notification
from eurzad.notifications.services import notify
from eurzad.parties.models import Party
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client

OWN_PESEL = "92071314764"
OTHER_PESEL = "75061712342"
MOTHER_PESEL = "60031501231"
FIRM_NIP = "9471682535"
RESIDENT_BAR = "eurzad.portal.context_processors.resident_bar"
PAGES = [
    "/konto/",
    "/konto/twoje-dane/",
    "/konto/historia-logowania/",
    "/konto/aplikacja-mobilna/",
    "/konto/powiadomienia/",
]
_numbers = count(1)


def _resident(schema: str, pesel: str = OWN_PESEL, first_name: str = "Anna", **kwargs) -> Resident:
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"r-test-{next(_numbers)}")
        party = Party.objects.create(
            kind=Party.Kind.NATURAL,
            pesel=pesel,
            first_name=first_name,
            last_name="Nowak",
            street="ul. Leśna 7",
            postal_code="34-210",
            city="Zembrzyce",
        )
        return Resident.objects.create(user=user, party=party, **kwargs)


def _logged_in(schema: str, host: str, resident: Resident) -> Client:
    client = host_client(host)
    with schema_context(schema):  # the session lives in the town's own schema
        client.force_login(resident.user)
    return client


def _mandate(schema: str, resident: Resident, party: Party, **kwargs) -> Representation:
    with schema_context(schema):
        kwargs.setdefault("valid_from", timezone.localdate() - timedelta(days=30))
        return Representation.objects.create(resident=resident, party=party, **kwargs)


def _party(schema: str, **kwargs) -> Party:
    with schema_context(schema):
        return Party.objects.create(**kwargs)


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def anna(towns) -> Resident:
    return _resident("zembrzyce")


@pytest.fixture
def anna_client(anna) -> Client:
    return _logged_in("zembrzyce", ZEMBRZYCE_HOST, anna)


# Access


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitor_is_sent_to_the_login_page(zembrzyce, path):
    response = zembrzyce.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/logowanie/?next=")


def test_staff_user_without_a_resident_account_is_sent_to_the_login_page(towns):
    with schema_context("zembrzyce"):
        editor = get_user_model().objects.create_user(username="editor-no-resident")
    client = host_client(ZEMBRZYCE_HOST)
    with schema_context("zembrzyce"):
        client.force_login(editor)
    assert client.get("/konto/").status_code == 302


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_a_logged_in_resident_and_is_never_cached(anna_client, path):
    response = anna_client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


# Home


def test_home_shows_whom_the_resident_acts_for_and_the_sections(anna_client):
    html = _html(anna_client.get("/konto/"))
    assert "<h1>Mój e-Urząd</h1>" in html
    assert "Anna Nowak" in html
    for title, url in [
        ("Twoje dane", "/konto/twoje-dane/"),
        ("Powiadomienia", "/konto/powiadomienia/"),
        ("Aplikacja mobilna", "/konto/aplikacja-mobilna/"),
        ("Historia logowania", "/konto/historia-logowania/"),
    ]:
        assert f'<a href="{url}">{title}</a>' in html


def test_home_shows_the_unread_notifications_count(anna, anna_client):
    with schema_context("zembrzyce"):
        for number in range(3):
            notify(anna.user, reason="test", subject=f"Wiadomość {number}", body="Treść.")
    html = _html(anna_client.get("/konto/"))
    assert "Nieprzeczytane: 3" in html


# Twoje dane


def test_profile_shows_own_data_with_the_pesel_masked(anna_client):
    html = _html(anna_client.get("/konto/twoje-dane/"))
    assert "Anna Nowak" in html
    assert "*******4764" in html
    assert OWN_PESEL not in html
    assert "ul. Leśna 7" in html and "34-210 Zembrzyce" in html


def test_profile_links_to_setting_the_mobile_apps_pin(anna_client):
    """The town's instructions send residents to Twoje dane for the app's PIN."""
    html = _html(anna_client.get("/konto/twoje-dane/"))
    assert '<a href="/konto/aplikacja-mobilna/">Ustaw PIN i zarządzaj telefonami</a>' in html
    assert anna_client.get("/konto/aplikacja-mobilna/").status_code == 200


def test_profile_lists_only_valid_mandates_with_masked_identifiers(anna, anna_client):
    today = timezone.localdate()
    mother = _party(
        "zembrzyce", kind="natural", first_name="Helena", last_name="Nowak", pesel=MOTHER_PESEL
    )
    firm = _party("zembrzyce", kind="legal", name="Tartak Beskid", nip=FIRM_NIP)
    gone = _party("zembrzyce", kind="legal", name="Piekarnia Dawna", nip="7392018463")
    revoked = _party(
        "zembrzyce", kind="natural", first_name="Piotr", last_name="Odwołany", pesel=OTHER_PESEL
    )
    _mandate("zembrzyce", anna, mother, scope="view", valid_until=today + timedelta(days=10))
    _mandate("zembrzyce", anna, firm, scope="pay")
    _mandate("zembrzyce", anna, gone, valid_until=today - timedelta(days=1))
    _mandate("zembrzyce", anna, revoked, revoked_at=timezone.now())

    html = _html(anna_client.get("/konto/twoje-dane/"))
    assert "Helena Nowak" in html and "PESEL *******1231" in html
    assert "Tartak Beskid" in html and "NIP *******535" in html
    assert "Wgląd i płatności" in html and "bezterminowo" in html
    assert (today + timedelta(days=10)).strftime("%d.%m.%Y") in html
    assert "Piekarnia Dawna" not in html and "Odwołany" not in html
    for identifier in (MOTHER_PESEL, FIRM_NIP, OTHER_PESEL):
        assert identifier not in html


def test_contact_preferences_are_saved(anna, anna_client):
    response = anna_client.post(
        "/konto/twoje-dane/",
        {"email": "anna.nowak@example.pl", "notify_by_push": "on"},
        follow=True,
    )
    assert "Zapisano preferencje kontaktu." in _html(response)
    with schema_context("zembrzyce"):
        anna.refresh_from_db()
        anna.user.refresh_from_db()
    assert anna.user.email == "anna.nowak@example.pl"
    assert anna.notify_by_email is False and anna.notify_by_push is True
    html = _html(anna_client.get("/konto/twoje-dane/"))
    assert 'value="anna.nowak@example.pl"' in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"email": "to nie adres", "notify_by_email": "on"}, "Podaj poprawny adres e-mail"),
        (
            {"email": "", "notify_by_email": "on"},
            "Podaj adres e-mail, aby dostawać powiadomienia e-mailem.",
        ),
    ],
)
def test_wrong_contact_preferences_are_refused_with_a_clear_message(anna, anna_client, data, error):
    html = _html(anna_client.post("/konto/twoje-dane/", data))
    assert error in html
    assert "Popraw błędy w formularzu" in html
    assert 'aria-describedby="id_email_error id_email_helptext"' in html
    with schema_context("zembrzyce"):
        anna.refresh_from_db()
    assert anna.notify_by_email is True  # unchanged


def test_demo_account_shows_the_banner_and_stores_no_preferences(towns):
    demo = _resident("zembrzyce", is_demo=True)
    client = _logged_in("zembrzyce", ZEMBRZYCE_HOST, demo)
    html = _html(client.get("/konto/"))
    assert "Konto demonstracyjne" in html
    assert "nic nie jest zapisywane ani płacone naprawdę" in html
    html = _html(client.post("/konto/twoje-dane/", {"email": "prawdziwy@example.pl"}, follow=True))
    assert "Konto demonstracyjne: zmiany nie zostały zapisane." in html
    with schema_context("zembrzyce"):
        demo.user.refresh_from_db()
    assert demo.user.email == ""


# Aplikacja mobilna


def test_resident_sets_and_then_changes_the_pin(anna, anna_client):
    assert "PIN nie jest ustawiony" in _html(anna_client.get("/konto/aplikacja-mobilna/"))
    html = _html(
        anna_client.post(
            "/konto/aplikacja-mobilna/", {"pin": "4821", "pin_again": "4821"}, follow=True
        )
    )
    assert "Ustawiono PIN." in html and "PIN jest ustawiony" in html
    html = _html(
        anna_client.post(
            "/konto/aplikacja-mobilna/", {"pin": "739105", "pin_again": "739105"}, follow=True
        )
    )
    assert "Zmieniono PIN." in html
    with schema_context("zembrzyce"):
        anna.refresh_from_db()
        assert pair_device(anna, "739105", "Telefon Anny")
        assert AuditEvent.objects.filter(action="pin_set", user=anna.user).count() == 2


def test_pin_fields_are_not_autocompleted_and_ask_for_digits(anna_client):
    html = _html(anna_client.get("/konto/aplikacja-mobilna/"))
    for name in ("pin", "pin_again"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'type="password"' in field
        assert 'autocomplete="off"' in field and 'inputmode="numeric"' in field
    assert "pięciu błędnych PIN-ach" in html and "15 minut" in html


@pytest.mark.parametrize(
    ("pin", "again", "error"),
    [
        ("1111", "1111", "PIN nie może składać się z jednej powtórzonej cyfry."),
        ("12a4", "12a4", "PIN musi mieć od 4 do 8 cyfr."),
        ("123", "123", "PIN musi mieć od 4 do 8 cyfr."),
        ("4821", "4812", "Wpisane PIN-y się różnią."),
        ("", "", "Wpisz PIN."),
    ],
)
def test_wrong_pins_are_refused_with_the_reason_in_the_form(anna, anna_client, pin, again, error):
    html = _html(anna_client.post("/konto/aplikacja-mobilna/", {"pin": pin, "pin_again": again}))
    assert error in html
    assert "Popraw błędy w formularzu" in html
    if pin:
        assert f'value="{pin}"' not in html  # a PIN is never echoed back
    with schema_context("zembrzyce"):
        anna.refresh_from_db()
    assert anna.pin_hash == ""


def test_locked_pairing_is_shown(anna, anna_client):
    with schema_context("zembrzyce"):
        Resident.objects.filter(pk=anna.pk).update(
            pairing_locked_until=timezone.now() + timedelta(minutes=10)
        )
    assert "Parowanie zablokowane" in _html(anna_client.get("/konto/aplikacja-mobilna/"))


def test_paired_devices_are_listed_and_only_own_can_be_revoked(anna, anna_client):
    other = _resident("zembrzyce", pesel=OTHER_PESEL, first_name="Piotr")
    with schema_context("zembrzyce"):
        set_pin(anna, "4821")
        set_pin(other, "5937")
        pair_device(anna, "4821", "Telefon Anny")
        pair_device(other, "5937", "Telefon Piotra")
        own = MobileDevice.objects.get(resident=anna)
        foreign = MobileDevice.objects.get(resident=other)

    html = _html(anna_client.get("/konto/aplikacja-mobilna/"))
    assert "Telefon Anny" in html and "Telefon Piotra" not in html
    assert f'action="/konto/aplikacja-mobilna/urzadzenia/{own.pk}/odlacz/"' in html

    assert (
        anna_client.post(f"/konto/aplikacja-mobilna/urzadzenia/{foreign.pk}/odlacz/").status_code
        == 404
    )
    assert (
        anna_client.get(f"/konto/aplikacja-mobilna/urzadzenia/{own.pk}/odlacz/").status_code == 405
    )
    response = anna_client.post(
        f"/konto/aplikacja-mobilna/urzadzenia/{own.pk}/odlacz/", follow=True
    )
    assert "Odłączono urządzenie „Telefon Anny”." in _html(response)
    with schema_context("zembrzyce"):
        own.refresh_from_db()
        foreign.refresh_from_db()
        assert own.revoked_at is not None and foreign.revoked_at is None
        assert AuditEvent.objects.filter(action="device_revoked", user=anna.user).count() == 1
    html = _html(anna_client.get("/konto/aplikacja-mobilna/"))
    assert "odłączone" in html and "/odlacz/" not in html


# Powiadomienia


def test_notifications_are_listed_newest_first_with_unread_marked_in_words(anna, anna_client):
    with schema_context("zembrzyce"):
        older = notify(anna.user, reason="test", subject="Starsza wiadomość", body="A.")
        Notification.objects.filter(pk=older.pk).update(
            created_at=timezone.now() - timedelta(days=2), read_at=timezone.now()
        )
        notify(anna.user, reason="test", subject="Nowa wiadomość", body="B.")
    html = _html(anna_client.get("/konto/powiadomienia/"))
    assert html.index("Nowa wiadomość") < html.index("Starsza wiadomość")
    assert html.count('<span class="status-tag status-tag--new">Nowe</span>') == 1
    assert "Oznacz wszystkie jako przeczytane" in html


def test_opening_a_notification_marks_it_read(anna, anna_client):
    with schema_context("zembrzyce"):
        shown = notify(
            anna.user, reason="test", subject="Decyzja podatkowa", body="Treść decyzji.",
            link="/konto/twoje-dane/",
        )  # fmt: skip
    html = _html(anna_client.get(f"/konto/powiadomienia/{shown.pk}/"))
    assert "<h1>Decyzja podatkowa</h1>" in html and "Treść decyzji." in html
    assert 'href="/konto/twoje-dane/"' in html
    with schema_context("zembrzyce"):
        shown.refresh_from_db()
    assert shown.read_at is not None


def test_a_notification_link_to_another_site_is_not_shown(anna, anna_client):
    with schema_context("zembrzyce"):
        shown = notify(
            anna.user, reason="test", subject="Uwaga", body="x", link="https://evil.example/"
        )
    assert "evil.example" not in _html(anna_client.get(f"/konto/powiadomienia/{shown.pk}/"))


def test_mark_all_read(anna, anna_client):
    with schema_context("zembrzyce"):
        for number in range(3):
            notify(anna.user, reason="test", subject=f"Wiadomość {number}", body="x")
    response = anna_client.post("/konto/powiadomienia/oznacz-przeczytane/", follow=True)
    html = _html(response)
    assert "Oznaczono wszystkie powiadomienia jako przeczytane." in html
    assert "status-tag--new" not in html
    with schema_context("zembrzyce"):
        assert not Notification.objects.filter(recipient=anna.user, read_at=None).exists()


def test_another_residents_notification_is_not_found(anna_client):
    other = _resident("zembrzyce", pesel=OTHER_PESEL, first_name="Piotr")
    with schema_context("zembrzyce"):
        foreign = notify(other.user, reason="test", subject="Cudza wiadomość", body="x")
    assert anna_client.get(f"/konto/powiadomienia/{foreign.pk}/").status_code == 404
    assert "Cudza wiadomość" not in _html(anna_client.get("/konto/powiadomienia/"))
    with schema_context("zembrzyce"):
        foreign.refresh_from_db()
    assert foreign.read_at is None


def test_notifications_are_paginated(anna, anna_client):
    with schema_context("zembrzyce"):
        for number in range(25):
            notify(anna.user, reason="test", subject=f"Wiadomość nr {number:02d}", body="x")
    first = _html(anna_client.get("/konto/powiadomienia/"))
    assert "Wiadomość nr 24" in first and "Wiadomość nr 00" not in first
    assert "Strona 1 z 2" in first
    assert "Wiadomość nr 00" in _html(anna_client.get("/konto/powiadomienia/?strona=2"))


# Historia logowania


def test_login_history_shows_own_events_and_office_views_without_the_clerk(anna, anna_client):
    other = _resident("zembrzyce", pesel=OTHER_PESEL, first_name="Piotr")
    with schema_context("zembrzyce"):
        clerk = get_user_model().objects.create_user(username="urzednik.kowalczyk")
        AuditEvent.objects.create(
            action="login", user=anna.user, party=anna.party, ip_address="192.0.2.10",
            method="login.gov.pl",
        )  # fmt: skip
        AuditEvent.objects.create(action="logout", user=anna.user, ip_address="192.0.2.10")
        set_pin(anna, "4821")
        pair_device(anna, "4821", "Telefon Anny")
        record("personal_data_viewed", user=clerk, party=anna.party, what="zobowiązania")
        AuditEvent.objects.create(action="login", user=other.user, ip_address="198.51.100.7")
        record("personal_data_viewed", user=clerk, party=other.party)

    html = _html(anna_client.get("/konto/historia-logowania/"))
    assert "Logowanie" in html and "login.gov.pl" in html and "192.0.2.10" in html
    assert "Wylogowanie" in html and "Ustawienie PIN-u" in html
    assert "Sparowanie urządzenia: Telefon Anny" in html
    assert html.count("Urząd: wgląd w Twoje dane") == 1
    assert "urzednik.kowalczyk" not in html
    assert "198.51.100.7" not in html
    assert '<th scope="col">Czas</th>' in html and "<caption>" in html


def test_login_history_shows_warsaw_time(anna, anna_client):
    with schema_context("zembrzyce"):
        event = AuditEvent.objects.create(action="login", user=anna.user)
        at = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
        AuditEvent.objects.filter(pk=event.pk).update(at=at)
    assert "01.07.2026 12:00:00" in _html(anna_client.get("/konto/historia-logowania/"))


def test_login_history_is_paginated(anna, anna_client):
    with schema_context("zembrzyce"):
        AuditEvent.objects.bulk_create(
            AuditEvent(action="login", user=anna.user, ip_address="192.0.2.1") for _ in range(30)
        )
    first = _html(anna_client.get("/konto/historia-logowania/"))
    assert first.count("192.0.2.1") == 25 and 'rel="next"' in first
    assert _html(anna_client.get("/konto/historia-logowania/?strona=2")).count("192.0.2.1") == 5


# Acting for another Party


def test_resident_switches_to_a_party_they_represent_and_back(anna, anna_client):
    mother = _party(
        "zembrzyce", kind="natural", first_name="Helena", last_name="Nowak", pesel=MOTHER_PESEL
    )
    _mandate("zembrzyce", anna, mother)
    html = _html(anna_client.get("/konto/"))
    assert '<select id="acting-party" name="party">' in html
    response = anna_client.post(
        "/konto/dzialaj-jako/", {"party": mother.pk, "next": "/konto/twoje-dane/"}
    )
    assert response.status_code == 302 and response["Location"] == "/konto/twoje-dane/"
    html = _html(anna_client.get("/konto/"))
    assert "Działasz teraz jako: Helena Nowak." in html
    assert re.search(r'<p class="acting-summary__party"><strong>Helena Nowak</strong>', html)
    assert f'<option value="{mother.pk}" selected>' in html

    anna_client.post("/konto/dzialaj-jako/", {"party": anna.party.pk})
    html = _html(anna_client.get("/konto/"))
    assert re.search(r'<p class="acting-summary__party"><strong>Anna Nowak</strong>', html)


@pytest.mark.parametrize("party", ["someone-else", "not-a-number"])
def test_switching_to_a_party_without_a_mandate_is_refused(anna, anna_client, party):
    stranger = _party(
        "zembrzyce", kind="natural", first_name="Obcy", last_name="Człowiek", pesel=OTHER_PESEL
    )
    value = stranger.pk if party == "someone-else" else "x"
    response = anna_client.post("/konto/dzialaj-jako/", {"party": value}, follow=True)
    html = _html(response)
    assert "nie masz ważnego upoważnienia" in html
    assert "nie masz ważnego upoważnienia." in html
    assert anna_client.session.get(ACTING_PARTY_KEY) is None


@pytest.mark.parametrize("back", ["https://evil.example/", "//evil.example/konto/", ""])
def test_switch_never_redirects_off_the_town(anna, anna_client, back):
    response = anna_client.post("/konto/dzialaj-jako/", {"party": anna.party.pk, "next": back})
    assert response["Location"] == "/konto/"


def test_switch_only_by_post(anna_client):
    assert anna_client.get("/konto/dzialaj-jako/").status_code == 405


@pytest.mark.parametrize("ended", ["expired", "revoked"])
def test_ended_mandate_falls_back_to_own_party(anna, anna_client, ended):
    mother = _party(
        "zembrzyce", kind="natural", first_name="Helena", last_name="Nowak", pesel=MOTHER_PESEL
    )
    mandate = _mandate("zembrzyce", anna, mother)
    anna_client.post("/konto/dzialaj-jako/", {"party": mother.pk})
    assert "<strong>Helena Nowak</strong>" in _html(anna_client.get("/konto/"))
    with schema_context("zembrzyce"):
        if ended == "expired":
            Representation.objects.filter(pk=mandate.pk).update(
                valid_until=timezone.localdate() - timedelta(days=1)
            )
        else:
            Representation.objects.filter(pk=mandate.pk).update(revoked_at=timezone.now())
    html = _html(anna_client.get("/konto/"))
    assert re.search(r'<p class="acting-summary__party"><strong>Anna Nowak</strong>', html)
    assert "Helena Nowak" not in html
    assert 'id="acting-party"' not in html  # no one else to act for any more


# Resident bar in the header of every page


def test_resident_bar_is_on_public_pages_for_a_logged_in_resident(anna, anna_client):
    mother = _party(
        "zembrzyce", kind="natural", first_name="Helena", last_name="Nowak", pesel=MOTHER_PESEL
    )
    _mandate("zembrzyce", anna, mother)
    with schema_context("zembrzyce"):
        notify(anna.user, reason="test", subject="x", body="x")
    response = anna_client.get("/")
    html = _html(response)
    assert "X-Page-Cache" not in response  # a session cookie bypasses the page cache
    bar = html[
        html.index('<nav class="resident-bar"') : html.index(
            "</nav>", html.index('<nav class="resident-bar"')
        )
    ]
    assert "Anna Nowak" in bar
    assert 'action="/konto/dzialaj-jako/"' in bar and 'name="next" value="/"' in bar
    assert f'<option value="{mother.pk}">Helena Nowak</option>' in bar
    assert 'href="/konto/"' in bar and "nieprzeczytane powiadomienia:" in bar
    assert 'action="/logowanie/wyloguj/"' in bar
    assert "Konto demonstracyjne" not in html


def test_resident_without_mandates_sees_no_party_switch(anna_client):
    html = _html(anna_client.get("/"))
    assert 'class="resident-bar"' in html and "Działasz jako:" in html
    assert 'id="acting-party"' not in html


def test_switch_from_a_public_page_goes_back_there_with_the_message(anna, anna_client):
    mother = _party(
        "zembrzyce", kind="natural", first_name="Helena", last_name="Nowak", pesel=MOTHER_PESEL
    )
    _mandate("zembrzyce", anna, mother)
    response = anna_client.post(
        "/konto/dzialaj-jako/", {"party": mother.pk, "next": "/kontakt/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/kontakt/"
    assert "Działasz teraz jako: Helena Nowak." in _html(response)


def _queries_on_home(settings) -> list[str]:
    settings.PAGE_CACHE_SECONDS = 0
    client = host_client(ZEMBRZYCE_HOST)
    client.get("/")  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    assert 'class="resident-bar"' not in response.content.decode()
    return [query["sql"] for query in captured.captured_queries]


def test_resident_bar_adds_no_queries_for_anonymous_visitors(towns, settings):
    with_bar = _queries_on_home(settings)
    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    assert RESIDENT_BAR in processors
    processors.remove(RESIDENT_BAR)
    settings.TEMPLATES = templates
    without_bar = _queries_on_home(settings)
    assert len(with_bar) == len(without_bar)
    assert not [sql for sql in with_bar if "identity_" in sql or "django_session" in sql]


# PESEL never unmasked


def test_no_page_shows_a_pesel_or_nip_unmasked(anna, anna_client):
    mother = _party(
        "zembrzyce", kind="natural", first_name="Helena", last_name="Nowak", pesel=MOTHER_PESEL
    )
    firm = _party("zembrzyce", kind="legal", name="Tartak Beskid", nip=FIRM_NIP)
    _mandate("zembrzyce", anna, mother)
    _mandate("zembrzyce", anna, firm, scope="pay")
    with schema_context("zembrzyce"):
        record("login", user=anna.user, party=anna.party, method="login.gov.pl")
        shown = notify(anna.user, reason="test", subject="Decyzja", body="x", party=mother)
    paths = [*PAGES, f"/konto/powiadomienia/{shown.pk}/", "/"]
    for acting in (anna.party, mother, firm):
        anna_client.post("/konto/dzialaj-jako/", {"party": acting.pk})
        for path in paths:
            html = _html(anna_client.get(path))
            for identifier in (OWN_PESEL, MOTHER_PESEL, FIRM_NIP):
                assert identifier not in html, f"{identifier} on {path}"


# Other towns


def test_a_session_of_one_town_gets_nothing_on_another_towns_host(anna, anna_client):
    session_cookie = anna_client.cookies["sessionid"].value
    glogow = host_client(GLOGOW_HOST)
    glogow.cookies["sessionid"] = session_cookie
    for path in PAGES:
        response = glogow.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/logowanie/")
    html = _html(glogow.get("/"))
    assert 'class="resident-bar"' not in html and "Anna Nowak" not in html
    response = glogow.post("/konto/dzialaj-jako/", {"party": anna.party.pk})
    assert response.status_code == 302 and response["Location"].startswith("/logowanie/")


def test_device_and_notification_ids_of_another_town_are_not_found(anna):
    with schema_context("zembrzyce"):
        set_pin(anna, "4821")
        pair_device(anna, "4821", "Telefon Anny")
        device = MobileDevice.objects.get(resident=anna)
        shown = notify(anna.user, reason="test", subject="Zembrzycka wiadomość", body="x")
    maria = _resident("glogow", pesel=OTHER_PESEL, first_name="Maria")
    client = _logged_in("glogow", GLOGOW_HOST, maria)
    assert client.get(f"/konto/powiadomienia/{shown.pk}/").status_code == 404
    assert (
        client.post(f"/konto/aplikacja-mobilna/urzadzenia/{device.pk}/odlacz/").status_code == 404
    )
    with schema_context("zembrzyce"):
        device.refresh_from_db()
        shown.refresh_from_db()
    assert device.revoked_at is None and shown.read_at is None


# English


def test_the_area_is_in_english_under_en(anna, anna_client):
    html = _html(anna_client.get("/en/konto/"))
    assert "<h1>My e-Office</h1>" in html and "Login history" in html
    assert 'href="/en/konto/historia-logowania/"' in html
    response = anna_client.post(
        "/en/konto/dzialaj-jako/", {"party": 999999, "next": "/en/konto/"}, follow=True
    )
    assert "You cannot act for this person: you hold no valid mandate." in _html(response)
    html = _html(anna_client.post("/en/konto/aplikacja-mobilna/", {"pin": "1", "pin_again": "2"}))
    assert "The two PINs do not match." in html
    assert "<h1>Mój e-Urząd</h1>" in _html(anna_client.get("/konto/"))  # Polish stays at /
