"""Channels tests: the ePUAP / e-Doręczenia simulators served by a real gunicorn process
over HTTP (no browser needed), a test handler of our own, and a way to put a signed form
into a town's mailbox."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django_tenants.utils import schema_context

from eurzad.channels import handlers
from eurzad.channels.documents import ChannelKind, ParsedForm, ReceivedDocument
from eurzad.channels.models import ChannelConfig, IntakeRecord
from eurzad.channels.simulator import mailboxes
from eurzad.channels.simulator.ade.residents import SentToTown
from eurzad.channels.simulator.compose import (
    Letter,
    build_document,
    person_by_pesel,
    send_to_town,
    sign_as_profil_zaufany,
)
from tests.e2e.conftest import TownServer, serving_test_database

ROOT = Path(__file__).resolve().parents[2]
JAN = "44051401359"
MARIA = "85121612343"


@pytest.fixture(scope="session")
def simulator_server(demo_towns, tmp_path_factory) -> Iterator[TownServer]:
    """gunicorn serving the test database; the simulators answer on the platform host."""
    log = tmp_path_factory.mktemp("channels-gunicorn") / "gunicorn.log"
    with serving_test_database(log) as server:
        yield server


@pytest.fixture
def simulators(simulator_server, settings, towns) -> TownServer:
    """The towns' 'local' channel configurations point at the running simulators."""
    settings.EPUAP_SIMULATOR_URL = f"{simulator_server.base}/symulator-epuap"
    settings.EDORECZENIA_SIMULATOR_URL = f"{simulator_server.base}/symulator-edoreczenia"
    settings.PZ_SIMULATOR_URL = f"{simulator_server.base}/symulator-pz"
    return simulator_server


@dataclass
class RecordingHandler:
    calls: list[tuple[ReceivedDocument, int]]
    fail: bool = False


@pytest.fixture
def access_request_handler() -> Iterator[RecordingHandler]:
    """A handler of the tests' own for access requests (the real one lives in identity)."""
    recorder = RecordingHandler(calls=[])

    def accepts(document: ReceivedDocument) -> bool:
        return document.form is not None and document.form.kind == ParsedForm.KIND_ACCESS_REQUEST

    def handle(document: ReceivedDocument, record: IntakeRecord) -> None:
        recorder.calls.append((document, record.pk))
        if recorder.fail:
            raise RuntimeError("the test handler refuses")

    previous = {h.name: h for h in handlers.registered()}
    for name in previous:
        handlers.unregister(name)  # only the tests' handler takes part
    handlers.register("test-access-request", accepts=accepts, handle=handle)
    yield recorder
    handlers.unregister("test-access-request")
    for handler in previous.values():
        handlers.register(handler.name, accepts=handler.accepts, handle=handler.handle)


def signed_form(pesel: str = JAN, **letter: object) -> bytes:
    person = person_by_pesel(pesel)
    letter.setdefault("title", "Wniosek")
    letter.setdefault("access_request", True)
    letter.setdefault("recipient_name", "Gmina Zembrzyce")
    return sign_as_profil_zaufany(build_document(person, Letter(**letter)), person)


def send(
    town: str,
    *,
    pesel: str = JAN,
    channel: ChannelKind = ChannelKind.EPUAP,
    document: bytes | None = None,
    **letter: object,
) -> mailboxes.Message | SentToTown:
    """Put a signed form into ``town``'s mailbox on the simulator (as Profil Zaufany)."""
    letter.setdefault("access_request", True)
    return send_to_town(
        town,
        document if document is not None else signed_form(pesel, **letter),
        sender=person_by_pesel(pesel),
        subject="Wniosek o rejestrację konta",
        channel=channel,
    )


def config_of(town: str, kind: ChannelKind = ChannelKind.EPUAP) -> ChannelConfig:
    with schema_context(town):
        return ChannelConfig.objects.get(kind=kind.value)
