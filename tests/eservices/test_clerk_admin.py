"""The clerks read what residents filed in the Wagtail admin: the list of applications,
each with its answers, case and files (downloaded through the authorised path); nobody
changes or deletes one there, and a town's clerks see only their own town's."""

from __future__ import annotations

from django_tenants.utils import schema_context

from eurzad.eservices.services import save_answers, start, submit
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, staff_client
from tests.eservices.forms import published
from tests.eservices.test_submissions import ANSWERS, LOGIN
from tests.finance import factories as f


def _filed(towns):
    form = published("zembrzyce")
    own = f.party("zembrzyce", first_name="Jan", last_name="Kowalski")
    jan = f.resident("zembrzyce", own)
    with schema_context("zembrzyce"):
        draft = start(form, own, jan)
        save_answers(draft, {**ANSWERS, "imie_nazwisko": "Jan Kowalski", "pesel": "92071314764"})
        return submit(draft, LOGIN).submission


def test_a_clerk_reads_the_filed_application_with_its_answers_and_files(towns):
    filed = _filed(towns)
    clerk = staff_client("zembrzyce", ZEMBRZYCE_HOST, "Sprawy", "urzednik-wnioski")
    listing = clerk.get("/admin/eservices_submissions/").content.decode()
    assert filed.reference in listing
    page = clerk.get(f"/admin/eservices_submissions/inspect/{filed.pk}/").content.decode()
    assert "Jan Kowalski" in page and "Liczba mieszkańców" in page and filed.case.sign in page
    assert f"Wniosek {filed.reference}" in page and "/pliki/pisma/" in page
    pdf = page.split('href="/pliki/pisma/', 1)[1].split('"', 1)[0]
    assert clerk.get(f"/pliki/pisma/{pdf}").status_code == 200
    for path in ("add/", f"edit/{filed.pk}/", f"delete/{filed.pk}/"):
        assert clerk.get(f"/admin/eservices_submissions/{path}").status_code in {302, 403, 404}


def test_another_towns_clerk_sees_none_of_it(towns):
    filed = _filed(towns)
    clerk = staff_client("glogow", GLOGOW_HOST, "Sprawy", "urzednik-glogow")
    assert filed.reference not in clerk.get("/admin/eservices_submissions/").content.decode()
    assert clerk.get(f"/admin/eservices_submissions/inspect/{filed.pk}/").status_code == 404
