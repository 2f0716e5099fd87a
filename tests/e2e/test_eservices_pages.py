"""E-usługi in headless Chromium, on a phone (390 × 844) and on a laptop (1366 × 768), for
Jan Kowalski logged in through the login.gov.pl simulator in each demo town (their
themes differ): the whole way through a five-step form (tests/eservices/forms.py's
FIVE_STEPS) and what it leaves behind.

Every page on the way has zero WCAG 2.1 A/AA violations (axe-core) and fits the screen
(tests/e2e/layout.py: nothing wider than the screen or past its edge, no text cut off,
tap targets of 24 px): the list, the form's page, each step (one showing the error
summary after an invalid "Dalej", one with a row of the repeating group, one with a photo
attached), the summary, the filed application with its documents, Moje wnioski. The step
indicator marks the current step (``aria-current="step"``) and Tab reaches its links to
the steps done, which Enter follows; the error summary is an alert that takes the focus
when the page opens, and its links lead to the fields.

The form is published in the town (committed, the server being another process) for the
test and removed afterwards, with the applications, cases and files the test made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from eurzad.cases.models import Case, CaseDocument
from eurzad.eservices.models import EServiceForm, FormConstant, Submission
from eurzad.identity.models import Resident
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST
from tests.e2e.login import JAN_PESEL, account_removed_afterwards, log_in
from tests.e2e.test_every_page_fits import Seen, _check, _report
from tests.eservices.forms import FIVE_STEPS, published
from tests.eservices.waste import CONSTANTS

pytestmark = [pytest.mark.e2e]

VIEWPORTS = {"phone": (390, 844), "laptop": (1366, 768)}
TOWNS = {"zembrzyce": ZEMBRZYCE_HOST, "glogow": GLOGOW_HOST}
SLUG = "deklaracja-odpady"
TITLES = [step["value"]["title"] for step in FIVE_STEPS]
# A photo as a camera writes it: the JPEG markers the upload is checked for, then data.
PHOTO = {
    "name": "altana-smietnikowa.jpg",
    "mimeType": "image/jpeg",
    "buffer": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 64 + b"\xff\xd9",
}
MAX_TABS = 60  # from the top of a step page past the header to the step indicator
DOWNLOADS = """links => Promise.all(
  links.map(a => fetch(a.href).then(response => response.status)))"""
FOCUS_RING = """el => {
  const style = getComputedStyle(el);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== 'none';
}"""


@contextmanager
def form_published(schema: str) -> Iterator[EServiceForm]:
    """The five-step form, live in the town for the test's length; afterwards it goes
    with its constants and everything filed on it (cases, their letters' files)."""
    form = published(schema, FIVE_STEPS)
    try:
        yield form
    finally:
        with schema_context(schema):
            submissions = Submission.objects.filter(form=form)
            cases = Case.objects.filter(pk__in=submissions.exclude(case=None).values("case"))
            for letter in CaseDocument.objects.filter(case__in=cases).exclude(attachment=""):
                letter.attachment.delete(save=False)
            for submission in submissions:
                for stored in submission.files.all():
                    stored.file.delete(save=False)
            case_ids = list(cases.values_list("pk", flat=True))
            submissions.delete()
            Case.objects.filter(pk__in=case_ids).delete()
            EServiceForm.objects.filter(pk=form.pk).delete()
            FormConstant.objects.filter(key__in=CONSTANTS).delete()


def _press(page, button: str, then_step: int | None = None) -> None:
    """Press the page's ``button`` and wait for the page it leads to (step
    ``then_step``)."""
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    if then_step is not None:
        # A fragment stays on through the form's POST and its redirect (the error
        # summary's link to a field adds one).
        expect(page).to_have_url(re.compile(rf"/krok/{then_step}/(#[\w-]*)?$"))
        _on_step(page, then_step)


def _on_step(page, number: int) -> None:
    """The page shows step ``number``, marked current in the step indicator."""
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[number - 1])
    indicator = page.get_by_role("navigation", name=f"Krok {number} z {len(TITLES)}")
    current = indicator.locator('[aria-current="step"]')
    expect(current).to_have_count(1)
    expect(current).to_have_text(TITLES[number - 1])
    expect(current.get_by_role("link")).to_have_count(0)  # the step you are on: no link


def _tab_through_step_indicator(page) -> list[str]:
    """Tab from the top of the page into the step indicator and through it: the links it
    holds, in order (each shown with a focus ring, inside the screen)."""
    page.locator("body").evaluate("body => { document.activeElement?.blur(); }")
    reached: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        inside = focused.evaluate("el => !!el.closest('nav.form-steps')")
        if inside:
            expect(focused).to_be_in_viewport()
            assert focused.evaluate(FOCUS_RING), "a step link without a visible focus ring"
            reached.append(focused.get_attribute("href") or "")
        elif reached:
            break
    return reached


def _error_summary_problems(page) -> list[str]:
    """The error summary: an alert named by its heading, focused when the page opened,
    each of its links leading to a field of the page."""
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_have_role("alert")
    expect(summary).to_have_accessible_name("Popraw błędy w formularzu")
    expect(page).to_have_title(re.compile(r"^Błąd: "))
    problems = []
    for href in summary.locator("a").evaluate_all("links => links.map(a => a.hash)"):
        if page.locator(f"[id='{href[1:]}']").count() != 1:
            problems.append(f"the error summary's link {href} leads to no field")
    return problems


def _fill_steps(page, submission_id: int, check) -> None:  # type: ignore[no-untyped-def]
    """Steps 1–5 of the form, checking the pages on the way."""
    # 1. Składający: what the town knows of Jan, filled in.
    _on_step(page, 1)
    expect(page.get_by_label("PESEL")).to_have_value(JAN_PESEL)
    check("step 1")
    _press(page, "Dalej", then_step=2)

    # 2. Nieruchomość i opłata: Dalej with answers missing shows the error summary.
    page.get_by_label("Sposób naliczenia").select_option("osoby")
    _press(page, "Dalej", then_step=2)
    check("step 2, errors").problems.extend(_error_summary_problems(page))
    summary = page.locator("[data-error-summary]")
    summary.get_by_role("link", name=re.compile("Liczba mieszkańców")).click()
    expect(page).to_have_url(re.compile(r"#f-osoby$"))
    # A row of the repeating group, added and filled in.
    page.get_by_label("Liczba mieszkańców").fill("2")
    page.get_by_label("Kompostuję bioodpady").select_option("tak")
    _press(page, "Dodaj: Mieszkańcy", then_step=2)
    row = page.get_by_role("group", name="Mieszkańcy: pozycja 1")
    expect(row).to_be_visible()
    row.get_by_label("Imię").fill("Anna")
    check("step 2, a row of Mieszkańcy")
    _press(page, "Dalej", then_step=3)

    # 3. Załączniki: a photo attached.
    page.get_by_label("Zdjęcie miejsca na pojemniki").set_input_files(PHOTO)
    _press(page, "Dołącz plik", then_step=3)
    expect(page.locator(".attached-files")).to_contain_text(PHOTO["name"])
    check("step 3, a photo attached")
    _press(page, "Dalej", then_step=4)

    # 4. Kontakt i termin: back to a step done through the step indicator, by keyboard.
    check("step 4")
    links = _tab_through_step_indicator(page)
    expected = [f"/e-uslugi/wniosek/{submission_id}/krok/{n}/" for n in (1, 2, 3)]
    assert links == expected, f"Tab reached {links} in the step indicator"
    page.keyboard.press("Shift+Tab")  # back on the last of them: step 3
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _on_step(page, 3)
    expect(page.locator(".attached-files")).to_contain_text(PHOTO["name"])
    _press(page, "Dalej", then_step=4)
    page.get_by_label("Adres e-mail").fill("jan.kowalski@example.pl")
    page.get_by_label("Data powstania obowiązku opłaty").fill("2026-01-01")
    page.get_by_label("Uwagi").fill("Pojemniki stoją przy bramie.")
    _press(page, "Dalej", then_step=5)

    # 5. Oświadczenie.
    page.get_by_label("Oświadczam, że dane są zgodne z prawdą").check()
    check("step 5")
    _press(page, "Dalej: podsumowanie")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("town", TOWNS)
def test_the_way_through_a_form_is_accessible_and_fits_the_screen(
    browser, town_server, axe_script, committed_db, town, viewport
):
    host = TOWNS[town]
    width, height = VIEWPORTS[viewport]
    seen: list[Seen] = []
    context = browser.new_context(locale="pl-PL", viewport={"width": width, "height": height})

    def check(label: str) -> Seen:
        seen.append(_check(page, f"{viewport} {label} ({page.url})", axe_script, 200))
        return seen[-1]

    try:
        with account_removed_afterwards(town), form_published(town) as form:
            page = context.new_page()
            log_in(page, town_server, host, "Jan Kowalski")
            expect(page.get_by_role("heading", name="Mój e-Urząd", level=1)).to_be_visible()

            page.goto(town_server.url(host, "/e-uslugi/"), wait_until="load")
            check("list")
            # By its address: the town has a shipped form of the same name.
            page.locator(f'a[href="/e-uslugi/{form.slug}/"]').click()
            page.wait_for_url(f"**/e-uslugi/{SLUG}/")
            check("form page")
            _press(page, "Rozpocznij")
            with schema_context(town):
                submission = Submission.objects.get(
                    form=form, filed_by=Resident.objects.get(party__pesel=JAN_PESEL)
                )
            _fill_steps(page, submission.pk, check)

            expect(page).to_have_url(re.compile(r"/podsumowanie/(#[\w-]*)?$"))
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "Sprawdź wniosek przed złożeniem"
            )
            current = page.locator('nav.form-steps [aria-current="step"]')
            expect(current).to_have_text("Podsumowanie")
            expect(page.locator("main")).to_contain_text(PHOTO["name"])
            expect(page.locator("main")).to_contain_text("Anna")
            check("summary")
            _press(page, "Złóż wniosek")
            expect(page).to_have_url(re.compile(rf"/e-uslugi/wniosek/{submission.pk}/(#.*)?$"))
            expect(page.get_by_role("heading", level=1)).to_have_text("Wniosek złożony")
            documents = page.locator("main h2:text-is('Dokumenty') + ul li a")
            expect(documents).to_have_count(6)  # PDF, XML, JSON, UPP as XML and PDF, photo
            expect(documents.filter(has_text=PHOTO["name"])).to_have_count(1)
            receipt = documents.filter(has_text="Urzędowe poświadczenie przedłożenia (UPP)")
            expect(receipt).to_have_count(2)  # as XML and as PDF
            # Each downloads, for its owner (fetched by the page: Chromium resolves
            # *.localhost).
            statuses = documents.evaluate_all(DOWNLOADS)
            assert statuses == [200] * 6, statuses
            check("filed application")

            page.goto(town_server.url(host, "/konto/wnioski/"), wait_until="load")
            expect(page.locator(".application-list")).to_contain_text(form.name)
            check("Moje wnioski")
            with schema_context(town):
                submission.refresh_from_db()
                assert submission.state == Submission.State.SUBMITTED and submission.case_id
    finally:
        context.close()
    assert len(seen) == 11, [item.label for item in seen]
    _report(seen, town_server)
