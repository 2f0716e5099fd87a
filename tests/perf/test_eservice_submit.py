"""A five-step form filed with a 2 MB photo (tests/eservices/forms.py's FIVE_STEPS), the
whole way through the production handler (every middleware, the town's host, the CSRF
check): the start → five step POSTs (the third uploads the JPEG) → the summary's POST,
which files it: a case, with the application's PDF, its XML and JSON copies, the town's
signed receipt (UPP, as XML and PDF) and the photo as the case's letters.

Reported: whole flows per second, against a bare Django view (no middleware) in the same
process, interleaved; the median time of each request of the flow; the peak memory of
filing one (the summary's POST), of the photo's step and of a whole flow. Only sanity is
asserted (each response the one meant, every flow ending in a case with its documents):
the numbers are the machine's.

What the benchmark leaves out: the files a filing frees are deleted once its transaction
commits, which the test's transaction never does (the files are removed at the end).

`make bench` runs this.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils.crypto import get_random_string
from django_tenants.utils import schema_context

from eurzad.cases.models import CaseDocument
from eurzad.eservices.models import Submission
from eurzad.identity.accounts import open_account
from eurzad.identity.authentication import SESSION_KEY
from eurzad.parties.models import Party
from tests.conftest import ZEMBRZYCE_HOST
from tests.eservices.forms import FIVE_STEPS, published
from tests.perf.harness import (
    KeepTestConnection,
    bare_handler,
    compare,
    environ_for,
    memory_of,
    report,
    request_ok,
)

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

SCHEMA = "zembrzyce"
JAN_PESEL = "44051401359"
BARE = "bare Django view (no middleware)"
FLOW = "5-step form with a 2 MB photo, filed (flows/s)"
LOGIN = {
    "assertion_id": "_bench1",
    "level_of_assurance": "http://eidas.europa.eu/LoA/substantial",
    "authenticated_at": "2026-12-08T08:00:00Z",
}
PHOTO_BYTES = 2 * 1024 * 1024
CSRF = get_random_string(32)  # the cookie's secret, sent back in the header as forms do
DOCUMENTS = 6  # PDF, XML and JSON copies, UPP as XML and PDF, the photo
FLOWS_PER_ROUND = 3
ROUNDS = 5


def _photo() -> bytes:
    """2 MB that begin and end as a JPEG does (SOI, APP0 JFIF … EOI); the rest does not
    compress, like a photo's data."""
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    tail = b"\xff\xd9"
    return head + random.Random(22).randbytes(PHOTO_BYTES - len(head) - len(tail)) + tail


def _step_forms(revision: int) -> list[dict]:
    """What the resident sends on each of the five steps ("Dalej")."""
    common = {"revision": str(revision), "action": "next"}
    return [
        {**common, "imie_nazwisko": "Jan Kowalski", "pesel": JAN_PESEL,
         "kod_pocztowy": "34-210"},
        {**common, "metoda": "osoby", "osoby": "3", "kompostownik": "tak",
         "mieszkancy.__rows": "2", "mieszkancy.0.imie": "Jan", "mieszkancy.0.pesel": JAN_PESEL,
         "mieszkancy.1.imie": "Zofia", "mieszkancy.1.pesel": ""},
        {**common, "zdjecie.upload": SimpleUploadedFile("altana.jpg", _photo(), "image/jpeg")},
        {**common, "email": "jan.kowalski@example.pl", "telefon": "+48 600 100 200",
         "od_kiedy": "2026-01-01", "uwagi": "Pojemniki stoją przy bramie."},
        {**common, "oswiadczenie": "on"},
    ]  # fmt: skip


class Browser:
    """Jan Kowalski's browser: his login.gov.pl session and the CSRF cookie."""

    def __init__(self, handler: WSGIHandler) -> None:
        with schema_context(SCHEMA):
            party = Party.objects.get(pesel=JAN_PESEL)
            resident = open_account(party, first_name=party.first_name, last_name=party.last_name)
            client = Client(HTTP_HOST=ZEMBRZYCE_HOST)
            client.force_login(resident.user)
            session = client.session
            session[SESSION_KEY] = LOGIN
            session.save()
        self.handler = handler
        self.cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}; "
            f"{settings.CSRF_COOKIE_NAME}={CSRF}"
        )
        self.timings: dict[str, list[float]] = defaultdict(list)

    def post(self, path: str, body: bytes, then: str, label: str) -> str:
        """POST the multipart ``body`` to ``path``: the redirect to ``then`` (a path, or
        a prefix ending in "/") must be the answer; returns where it leads."""
        environ = environ_for(ZEMBRZYCE_HOST, path, HTTP_COOKIE=self.cookie,
                              HTTP_X_CSRFTOKEN=CSRF)  # fmt: skip
        environ.update(REQUEST_METHOD="POST", CONTENT_TYPE=MULTIPART_CONTENT,
                       CONTENT_LENGTH=str(len(body)), **{"wsgi.input": BytesIO(body)})  # fmt: skip
        seen: list[tuple[str, dict[str, str]]] = []

        def start_response(status: str, headers: list, exc_info: object = None) -> None:
            seen.append((status, dict(headers)))

        started = time.perf_counter()
        result = self.handler(environ, start_response)
        page = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        self.timings[label].append((time.perf_counter() - started) * 1000)
        status, headers = seen[0]
        location = headers.get("Location", "")
        assert status.startswith("302") and location.startswith(then), (
            path, status, location, page[-2000:])  # fmt: skip
        return location


class Flow:
    """The resident's way through the form, request by request."""

    def __init__(self, resident: Browser, slug: str, revision: int) -> None:
        self.resident = resident
        self.slug = slug
        self.steps = [encode_multipart(BOUNDARY, form) for form in _step_forms(revision)]
        self.empty = encode_multipart(BOUNDARY, {})
        self.filed: list[int] = []

    def start(self) -> str:
        step = self.resident.post(f"/e-uslugi/{self.slug}/", self.empty,
                                  "/e-uslugi/wniosek/", "start")  # fmt: skip
        assert step.endswith("/krok/1/"), step
        return step.removesuffix("krok/1/")

    def step(self, application: str, number: int) -> None:
        then = f"{application}krok/{number + 1}/" if number < 5 else f"{application}podsumowanie/"
        self.resident.post(f"{application}krok/{number}/", self.steps[number - 1], then,
                           f"step {number}" + (" (2 MB photo)" if number == 3 else ""))  # fmt: skip

    def file(self, application: str) -> None:
        self.resident.post(f"{application}podsumowanie/", self.empty, application,
                           "summary: filed")  # fmt: skip
        self.filed.append(int(application.rstrip("/").rsplit("/", 1)[1]))

    def whole(self) -> None:
        application = self.start()
        for number in range(1, 6):
            self.step(application, number)
        self.file(application)

    def ready_to_file(self) -> Callable[[], None]:
        application = self.start()
        for number in range(1, 6):
            self.step(application, number)
        return lambda: self.file(application)

    def ready_for_the_photo(self) -> Callable[[], None]:
        application = self.start()
        for number in (1, 2):
            self.step(application, number)
        return lambda: self.step(application, 3)

    def ready_to_start(self) -> Callable[[], None]:
        return self.whole


def _files_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def _assert_every_flow_made_a_case(flow: Flow, count: int) -> None:
    with schema_context(SCHEMA):
        filed = Submission.objects.filter(pk__in=flow.filed).select_related("case")
        assert filed.count() == count == len(set(flow.filed))
        for submission in filed:
            assert submission.state == Submission.State.SUBMITTED and submission.case_id
            letters = CaseDocument.objects.filter(case=submission.case_id)
            assert letters.count() == DOCUMENTS, submission.pk
            photo = letters.get(title="Załącznik: altana.jpg")
            assert photo.attachment.size == PHOTO_BYTES


def _megabytes(amount: int | None) -> str:
    return "n/a" if amount is None else f"{amount / 1024 / 1024:.1f} MB"


@pytest.fixture(autouse=True)
def _keep_connection():  # type: ignore[no-untyped-def]
    with KeepTestConnection():
        yield


@pytest.fixture
def _private_files_removed():  # type: ignore[no-untyped-def]
    """The cases' files are written for real; the test's transaction rolls their rows
    back, and this removes the files."""
    root = Path(settings.PRIVATE_FILES_ROOT)
    before = _files_under(root)
    yield
    for path in _files_under(root) - before:
        path.unlink(missing_ok=True)


def test_filing_a_five_step_form_with_a_2_mb_photo(demo_towns, _private_files_removed):
    form = published(SCHEMA, FIVE_STEPS)
    town = WSGIHandler()
    bare = bare_handler()
    flow = Flow(Browser(town), form.slug, form.live_revision_id)
    request_ok(bare, "bench.localhost")
    flow.whole()  # every response the one meant, before anything is measured
    _assert_every_flow_made_a_case(flow, 1)

    results = compare(
        {BARE: lambda: request_ok(bare, "bench.localhost"), FLOW: flow.whole},
        requests={BARE: 2000, FLOW: FLOWS_PER_ROUND},
        rounds=ROUNDS,
        warmup={BARE: 200, FLOW: 1},
    )
    timings = {label: sorted(ms)[len(ms) // 2] for label, ms in flow.resident.timings.items()}
    memory = {
        "filing one (the summary's POST)": memory_of(flow.ready_to_file),
        "the photo's step (2 MB upload)": memory_of(flow.ready_for_the_photo),
        "a whole flow (7 requests)": memory_of(flow.ready_to_start),
    }
    # the first flow, the warm-up, the rounds, twice filing one, twice a whole flow
    flows = 1 + 1 + FLOWS_PER_ROUND * ROUNDS + 2 + 2
    _assert_every_flow_made_a_case(flow, flows)

    base = results[BARE].requests_per_second
    per_second = results[FLOW].requests_per_second
    print()
    print(report(f"E-service submit vs bare view (per second, median of {ROUNDS} rounds)",
                 results, BARE))  # fmt: skip
    print(f"one flow: {1000 / per_second:.0f} ms, 7 requests ({7 * per_second:.1f} req/s, "
          f"{7 * per_second / base:.4f} of the bare view's)")  # fmt: skip
    print("median ms per request: " + ", ".join(f"{k}: {v:.1f}" for k, v in timings.items()))
    for name, taken in memory.items():
        traced, grown = _megabytes(taken.traced_peak), _megabytes(taken.rss_growth)
        print(f"peak memory, {name}: {traced} allocated by Python (tracemalloc), "
              f"the process's resident set grew {grown}")  # fmt: skip
    assert per_second > 0 and per_second / base > 0
    assert all(taken.traced_peak > 0 for taken in memory.values())
