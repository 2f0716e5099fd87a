"""Operators keep the platform's table of interest rates in the console: both tables of
rates and the threshold, newest first, with sources and who entered each row; adding,
correcting and deleting rows, refused with a clear Polish message when wrong; every
change in the operators' audit log."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from eurzad.finance.interest.models import InterestRate, InterestThreshold, Regime
from tenants.console.models import OperatorAction
from tests.console.conftest import console_client, make_operator, password_step
from tests.interest.conftest import (
    NEW_RATE,
    NEW_THRESHOLD,
    PAGE,
    SOURCE,
    SPARE_DAY,
    SPARE_THRESHOLD_DAY,
    rate_form,
    rate_on,
    shipped_threshold,
    threshold_form,
)


def actions(code: str) -> list[OperatorAction]:
    return list(OperatorAction.objects.filter(action=code))


# --- the list ----------------------------------------------------------------------------


def test_the_page_lists_both_tables_and_the_threshold_newest_first(console):
    response = console.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Odsetki za zwłokę od zaległości podatkowych", "Odsetki ustawowe za opóźnienie",
                  "Kwota, do której nie pobiera się odsetek za zwłokę"):  # fmt: skip
        assert title in html
    assert "art. 56" in html and "art. 481 § 2" in html and "art. 54 § 1 pkt 5" in html
    tables = [table for table, _rows in response.context["tables"]]
    assert [table.key for table in tables] == ["tax", "civil", "threshold"]
    for table in tables:
        days = [row.valid_from for row in table.rows]
        assert days == sorted(days, reverse=True) and len(days) >= 2
    # Each row with its source (linked) and who entered it: the shipped ones, the platform.
    linked = InterestRate.objects.exclude(source_url="").latest("valid_from")
    link = f'<a href="{linked.source_url}" rel="noopener noreferrer">{linked.announcement}</a>'
    assert link in html
    assert "(M.P. 2022 poz. 220)" in html
    assert "dane dostarczone z platformą" in html
    assert "8,70 zł" in html  # amounts and rates with a decimal comma
    assert '<a href="/konsola/odsetki/">Stawki odsetek</a>' in html  # in the console's menu


def test_the_notice_names_each_tables_latest_change_and_a_gap_between_them(console):
    ahead = timezone.localdate() + timedelta(days=20)
    assert console.post(NEW_RATE, rate_form(valid_from=ahead.isoformat())).status_code == 302
    html = console.get(PAGE).content.decode()
    notice = html.split('id="ostatnie-zmiany"')[1].split("</section>")[0]
    assert "14,25 % od" in notice and "jeszcze nie obowiązuje" in notice
    # Tax changed later than civil: maybe an announcement is missing.
    assert "mają różne daty" in html
    civil = rate_form(regime="civil", valid_from=ahead.isoformat(), rate="9,00")
    assert console.post(NEW_RATE, civil).status_code == 302
    assert "mają różne daty" not in console.get(PAGE).content.decode()


# --- adding ------------------------------------------------------------------------------


def test_an_operator_adds_a_rate_and_the_log_says_so(console, operator):
    form = console.get(NEW_RATE, {"rodzaj": "civil"}).context["form"]
    assert form.initial["regime"] == "civil"  # the table's "Dodaj stawkę" link chose it
    response = console.post(NEW_RATE, rate_form())
    assert response.status_code == 302 and response["Location"] == PAGE
    row = InterestRate.objects.get(regime=Regime.TAX, valid_from=SPARE_DAY)
    assert (row.rate, row.announcement, row.created_by) == (Decimal("14.25"), SOURCE, "operator")
    assert row.source_url == "https://monitorpolski.gov.pl/MP/2024/42"
    [entry] = actions("interest_rate_added")
    assert (entry.operator_name, entry.channel, entry.town_schema) == ("operator", "console", "")
    assert entry.details == {
        "id": row.pk, "regime": "tax", "valid_from": "2024-01-10", "rate": "14.25",
        "announcement": SOURCE, "source_url": "https://monitorpolski.gov.pl/MP/2024/42",
    }  # fmt: skip
    page = console.get(PAGE).content.decode()
    done = "Dodano stawkę – Odsetki za zwłokę od zaległości podatkowych: 14,25 % od 10.01.2024"
    assert done in page
    assert "dodanie stawki odsetek" in console.get("/konsola/dziennik/").content.decode()


def test_a_rate_is_typed_with_a_comma_or_a_point(console):
    assert console.post(NEW_RATE, rate_form(rate="13.75")).status_code == 302
    assert InterestRate.objects.get(regime="tax", valid_from=SPARE_DAY).rate == Decimal("13.75")


def test_an_operator_adds_a_threshold(console):
    assert console.post(NEW_THRESHOLD, threshold_form()).status_code == 302
    row = InterestThreshold.objects.get(valid_from=SPARE_THRESHOLD_DAY)
    assert (row.amount, row.created_by, row.source_url) == (Decimal("7.50"), "operator", "")
    [entry] = actions("interest_threshold_added")
    assert entry.details["amount"] == "7.50" and entry.details["id"] == row.pk


# --- refused values ----------------------------------------------------------------------


def refused(console: Client, url: str, form: dict[str, str]) -> dict[str, list[str]]:
    """The form's errors by field; nothing saved, nothing logged."""
    before = (InterestRate.objects.count(), InterestThreshold.objects.count())
    response = console.post(url, form)
    assert response.status_code == 200, response.get("Location")
    assert (InterestRate.objects.count(), InterestThreshold.objects.count()) == before
    assert not OperatorAction.objects.filter(action__startswith="interest_").exists()
    return response.context["form"].errors


def test_a_second_rate_of_the_same_regime_and_day_is_refused(console):
    shipped = rate_on(Regime.TAX, date(2023, 10, 5))
    errors = refused(console, NEW_RATE, rate_form(valid_from="2023-10-05"))
    assert errors["valid_from"] == [
        "Stawka „Odsetki za zwłokę od zaległości podatkowych” od 05.10.2023 już jest w tabeli. "
        "Popraw tamten wiersz zamiast dodawać drugi."
    ]
    assert InterestRate.objects.get(pk=shipped.pk).rate == shipped.rate
    # The other regime has its own days.
    civil = rate_form(valid_from=SPARE_DAY.isoformat(), regime="civil", rate="11,00")
    assert console.post(NEW_RATE, civil).status_code == 302
    assert console.post(NEW_RATE, rate_form()).status_code == 302


def test_a_rate_outside_the_bounds_or_finer_than_a_hundredth_is_refused(console):
    for typed in ("0", "0,001", "100,01", "-5", "150"):
        message = refused(console, NEW_RATE, rate_form(rate=typed))["rate"]
        assert message in (
            ["Stawka roczna musi wynosić od 0,01 do 100 %."],
            ["Podaj stawkę z dokładnością do setnych części procentu."],
        ), typed
    assert refused(console, NEW_RATE, rate_form(rate="10,555"))["rate"] == [
        "Podaj stawkę z dokładnością do setnych części procentu."
    ]
    assert "rate" in refused(console, NEW_RATE, rate_form(rate="dziesięć"))


def test_the_announcement_is_required_and_the_source_must_be_an_address(console):
    errors = refused(console, NEW_RATE, rate_form(announcement="  ", source_url="monitor polski"))
    assert errors["announcement"] == [
        "Podaj obwieszczenie, w którym ogłoszono stawkę, np. „M.P. 2026 poz. 250”."
    ]
    assert "source_url" in errors


def test_a_day_more_than_a_year_ahead_is_a_mistyped_year(console):
    typo = timezone.localdate().replace(year=timezone.localdate().year + 2)
    errors = refused(console, NEW_RATE, rate_form(valid_from=typo.isoformat()))
    assert errors["valid_from"] == ["Ta data wypada ponad rok naprzód – sprawdź rok."]


def test_a_wrong_threshold_is_refused(console):
    assert refused(console, NEW_THRESHOLD, threshold_form(amount="-1"))["amount"] == [
        "Kwota musi wynosić od 0 do 999 999,99 zł."
    ]
    day = shipped_threshold().valid_from
    errors = refused(console, NEW_THRESHOLD, threshold_form(valid_from=day.isoformat()))
    assert "już jest w tabeli" in errors["valid_from"][0]
    assert "announcement" in refused(console, NEW_THRESHOLD, threshold_form(announcement=""))


# --- correcting and deleting -------------------------------------------------------------


def test_an_operator_corrects_a_rate_and_the_log_keeps_the_old_value(console):
    console.post(NEW_RATE, rate_form())
    row = InterestRate.objects.get(regime="tax", valid_from=SPARE_DAY)
    url = f"/konsola/odsetki/stawki/{row.pk}/"
    form = console.get(url).context["form"]
    assert form.initial["rate"] == Decimal("14.25") and form.initial["regime"] == "tax"
    corrector = console_of("korekta")
    assert corrector.post(url, rate_form(rate="14,50")).status_code == 302
    row.refresh_from_db()
    assert row.rate == Decimal("14.50")
    assert row.created_by == "operator"  # who entered it stays; the log says who corrected
    [entry] = actions("interest_rate_changed")
    assert entry.operator_name == "korekta"
    assert entry.details["changed"] == {"rate": ["14.25", "14.50"]}
    assert "poprawił(a): korekta" in console.get(PAGE).content.decode()
    # Saving the same values again changes nothing and logs nothing.
    answer = corrector.post(url, rate_form(rate="14,50"), follow=True)
    assert "Nic nie zmieniono." in answer.content.decode()
    assert len(actions("interest_rate_changed")) == 1


def test_a_correction_cannot_take_the_day_of_another_row(console):
    console.post(NEW_RATE, rate_form())
    row = InterestRate.objects.get(regime="tax", valid_from=SPARE_DAY)
    url = f"/konsola/odsetki/stawki/{row.pk}/"
    response = console.post(url, rate_form(valid_from="2025-05-08"))
    assert response.status_code == 200
    assert "już jest w tabeli" in response.context["form"].errors["valid_from"][0]
    row.refresh_from_db()
    assert row.valid_from == SPARE_DAY


def test_deleting_a_rate_asks_first_and_says_what_holds_instead(console):
    console.post(NEW_RATE, rate_form())
    row = InterestRate.objects.get(regime="tax", valid_from=SPARE_DAY)
    url = f"/konsola/odsetki/stawki/{row.pk}/usun/"
    page = console.get(url).content.decode()
    assert "14,25 % od 10.01.2024" in page and "Usuń na stałe" in page
    before = "Odsetki za zwłokę od zaległości podatkowych: 14,50 % od 05.10.2023"
    assert f"wcześniejsza wartość: {before}" in page
    assert InterestRate.objects.filter(pk=row.pk).exists()  # nothing happens on GET
    response = console.post(url, {"reason": "wpisane dwa razy"})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert not InterestRate.objects.filter(pk=row.pk).exists()
    [entry] = actions("interest_rate_deleted")
    assert entry.details["reason"] == "wpisane dwa razy" and entry.details["rate"] == "14.25"


def test_the_only_rate_of_a_regime_cannot_be_deleted(console):
    InterestRate.objects.filter(regime="civil").exclude(valid_from=date(2016, 1, 1)).delete()
    only = InterestRate.objects.get(regime="civil")
    response = console.post(f"/konsola/odsetki/stawki/{only.pk}/usun/", {"reason": ""})
    assert response.status_code == 200
    assert "To jedyna stawka w tabeli" in response.content.decode()
    assert InterestRate.objects.filter(pk=only.pk).exists()
    assert not actions("interest_rate_deleted")


def test_an_operator_corrects_and_deletes_a_threshold(console):
    console.post(NEW_THRESHOLD, threshold_form())
    row = InterestThreshold.objects.get(valid_from=SPARE_THRESHOLD_DAY)
    edit = f"/konsola/odsetki/progi/{row.pk}/"
    assert console.post(edit, threshold_form(amount="7,80")).status_code == 302
    row.refresh_from_db()
    assert row.amount == Decimal("7.80")
    page = console.get(f"{edit}usun/").content.decode()
    assert "wcześniejsza wartość: 6,60 zł od 01.01.2016" in page
    assert console.post(f"{edit}usun/", {"reason": ""}).status_code == 302
    assert not InterestThreshold.objects.filter(pk=row.pk).exists()
    codes = set(OperatorAction.objects.values_list("action", flat=True))
    assert {f"interest_threshold_{done}" for done in ("added", "changed", "deleted")} <= codes


def test_an_unknown_row_is_not_found(console):
    assert console.get("/konsola/odsetki/stawki/999999999/").status_code == 404
    assert console.post("/konsola/odsetki/progi/999999999/usun/").status_code == 404


# --- who may ----------------------------------------------------------------------------


def console_of(username: str) -> Client:
    return console_client(make_operator(username))


def test_only_an_operator_past_the_second_factor_reaches_the_table(operator):
    row = InterestRate.objects.filter(regime="tax").latest("valid_from")
    threshold = shipped_threshold()
    anonymous = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    half_logged_in = password_step(operator)
    platform_user = Client(HTTP_HOST=settings.PLATFORM_DOMAIN)
    platform_user.force_login(get_user_model().objects.create_user("bez-konsoli"))
    pages = [PAGE, NEW_RATE, NEW_THRESHOLD, f"/konsola/odsetki/stawki/{row.pk}/",
             f"/konsola/odsetki/stawki/{row.pk}/usun/", f"/konsola/odsetki/progi/{threshold.pk}/",
             f"/konsola/odsetki/progi/{threshold.pk}/usun/"]  # fmt: skip
    for client in (anonymous, half_logged_in, platform_user):
        for url in pages:
            for answer in (client.get(url), client.post(url, {**rate_form(), **threshold_form()})):
                assert answer.status_code == 302, url
                assert answer["Location"].startswith("/konsola/logowanie/"), url
    assert InterestRate.objects.filter(pk=row.pk).exists()
    assert not InterestRate.objects.filter(valid_from__in=[SPARE_DAY]).exists()
    assert not InterestThreshold.objects.filter(valid_from=SPARE_THRESHOLD_DAY).exists()
    assert not OperatorAction.objects.filter(action__startswith="interest_").exists()
