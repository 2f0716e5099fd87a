"""A report anyone may file without logging in (a broken street lamp): started and filed
from one browser, guarded against robots (a hidden field, a time stamp, a limit per
address), kept with its own documents since it has no case; another browser never
reaches it."""

from __future__ import annotations

import time

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from eurzad.core import spam
from eurzad.eservices.models import Submission
from tests.conftest import ZEMBRZYCE_HOST, host_client
from tests.eservices.forms import published
from tests.eservices.waste import field, step

JPEG = b"\xff\xd8\xff\xe0" + b"1" * 800
REPORT = [step(
    field("text", "miejsce", "Gdzie jest problem?", required=True, multiline=True),
    field("file", "zdjecie", "Zdjęcie", file_types=["jpg", "png"]),
    title="Zgłoszenie",
)]  # fmt: skip


def _started(visitor) -> Submission:
    started = visitor.post("/e-uslugi/deklaracja-odpady/")
    assert started.status_code == 302 and "/krok/1/" in started["Location"]
    with schema_context("zembrzyce"):
        return Submission.objects.latest("pk")


def _stamp(seconds_ago: float) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=spam._SALT)


def test_a_visitor_files_a_report_without_logging_in(towns):
    published("zembrzyce", REPORT, anonymous=True)
    visitor = host_client(ZEMBRZYCE_HOST)
    draft = _started(visitor)
    assert draft.party is None and draft.filed_by is None
    step_url = f"/e-uslugi/wniosek/{draft.pk}/krok/1/"
    visitor.post(step_url, {"revision": str(draft.revision_id), "action": "upload",
                            "miejsce": "ul. Kościelna 3, latarnia przy przystanku",
                            "zdjecie.upload": SimpleUploadedFile("lampa.jpg", JPEG)})  # fmt: skip
    with schema_context("zembrzyce"):
        token = Submission.objects.get(pk=draft.pk).files.get().token
    visitor.post(step_url, {"revision": str(draft.revision_id), "action": "next",
                            "miejsce": "ul. Kościelna 3, latarnia przy przystanku",
                            "zdjecie": token})  # fmt: skip
    summary = f"/e-uslugi/wniosek/{draft.pk}/podsumowanie/"
    assert 'name="eurzad_hp"' in visitor.get(summary).content.decode()
    # Sent at once (a robot's speed), or with the hidden field filled: refused, kept.
    for sent in ({spam.STAMP: _stamp(0)}, {spam.STAMP: _stamp(10), spam.HONEYPOT: "x"}):
        refused = visitor.post(summary, sent, follow=True).content.decode()
        assert "zbyt szybko" in refused or "Nie udało się wysłać formularza" in refused
        with schema_context("zembrzyce"):
            assert Submission.objects.get(pk=draft.pk).state == Submission.State.DRAFT
    filed = visitor.post(summary, {spam.STAMP: _stamp(10), spam.HONEYPOT: ""})
    assert filed["Location"] == f"/e-uslugi/wniosek/{draft.pk}/"
    page = visitor.get(filed["Location"]).content.decode()
    with schema_context("zembrzyce"):
        report = Submission.objects.get(pk=draft.pk)
        kinds = set(report.files.values_list("kind", flat=True))
    assert report.state == Submission.State.SUBMITTED and report.case_id is None
    assert {"attachment", "form_pdf", "form_xml", "receipt_xml"} <= kinds
    assert report.reference in page
    # Another browser (or another town's host) does not reach it.
    other = host_client(ZEMBRZYCE_HOST)
    assert other.get(f"/e-uslugi/wniosek/{draft.pk}/").status_code == 404
    assert host_client("glogow.localhost").get(f"/e-uslugi/wniosek/{draft.pk}/").status_code == 404


def test_a_form_that_needs_login_is_not_started_anonymously(towns):
    published("zembrzyce", REPORT)
    visitor = host_client(ZEMBRZYCE_HOST)
    assert visitor.post("/e-uslugi/deklaracja-odpady/")["Location"].startswith("/logowanie/")
