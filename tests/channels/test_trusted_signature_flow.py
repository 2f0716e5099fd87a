"""Podpis zaufany end to end over real HTTP against the simulator: the town hands the
application over, the resident signs (or cancels) on the simulated government page and
is sent back, and the town fetches the signed document with the signer. Also: the
simulator refuses what the service would, and production never serves it."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from html import unescape
from urllib.parse import urlsplit

import pytest
import requests
from django_tenants.utils import schema_context

from eurzad.channels import xades
from eurzad.channels.keys import new_system_credentials
from eurzad.channels.trusted_signature import (
    TrustedSignatureError,
    fetch_signed,
    signing_config,
    start_signing,
)
from tests.channels.conftest import MARIA, config_of
from tests.test_settings import GOOD, ROOT

DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<wniosek xmlns="urn:eurzad:probka:wniosek">
  <tytul>Wniosek o wpis do rejestru</tytul>
  <tresc>Proszę o wpis – zażółć gęślą jaźń</tresc>
</wniosek>
""".encode()
TOWN = "http://zembrzyce.localhost/e-uslugi/wniosek/7/podpis"


def _start(town: str = "zembrzyce") -> str:
    with schema_context(town):
        config = signing_config()
    return start_signing(
        config,
        DOCUMENT,
        success_url=f"{TOWN}/gotowe",
        failure_url=f"{TOWN}/anulowano",
        additional_info="Wniosek o wpis do rejestru",
    )


def _decide(page_url: str, action: str, person: int = 1) -> requests.Response:
    """The resident on the simulated government page: sign as test person ``person``, or
    cancel."""
    session = requests.Session()
    page = session.get(page_url, timeout=30)
    assert page.status_code == 200, page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token is not None
    return session.post(
        page_url,
        data={"csrfmiddlewaretoken": token.group(1), "action": action, "person": person},
        headers={"Referer": page_url},
        allow_redirects=False,
        timeout=30,
    )


def test_the_resident_signs_and_the_town_gets_the_signed_document(simulators) -> None:
    url = _start()
    assert urlsplit(url).netloc == urlsplit(simulators.base).netloc

    page = requests.get(url, timeout=30)
    text = unescape(page.text)
    assert page.status_code == 200
    assert '<html lang="pl">' in page.text
    assert "Podpisz podpisem zaufanym" in text and "Anuluj" in text
    assert "Wniosek o wpis do rejestru" in text and "zażółć gęślą jaźń" in text
    # Signing and cancelling end in a redirect to the town: the page's form-action allows it.
    form_action = next(
        part for part in page.headers["Content-Security-Policy"].split(";") if "form-action" in part
    )
    assert "http://zembrzyce.localhost" in form_action

    answer = _decide(url, "sign", person=1)
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"{TOWN}/gotowe"

    signed = fetch_signed(config_of("zembrzyce"), url, document=DOCUMENT)
    assert (signed.first_name, signed.last_name, signed.pesel) == ("Maria", "Wiśniewska", MARIA)
    assert signed.signed_at is not None
    assert abs(signed.signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    # What the simulator writes is the TpSigning5 shape: PodpisZP and the XPath filter.
    assert b"PodpisZP" in signed.content and b"REC-xpath-19991116" in signed.content
    assert xades.verify(signed.content).pesel == MARIA
    # Fetching again (a retry) gives the same document.
    assert fetch_signed(config_of("zembrzyce"), url, document=DOCUMENT).content == signed.content


def test_cancelling_sends_the_resident_back_and_nothing_is_signed(simulators) -> None:
    url = _start()

    answer = _decide(url, "cancel")

    assert answer.status_code == 302
    assert answer.headers["Location"] == f"{TOWN}/anulowano"
    with pytest.raises(TrustedSignatureError, match="cancelled"):
        fetch_signed(config_of("zembrzyce"), url, document=DOCUMENT)
    assert requests.get(url, timeout=30).status_code == 409


def test_a_document_not_yet_signed_cannot_be_fetched(simulators) -> None:
    url = _start()

    with pytest.raises(TrustedSignatureError, match="refused") as raised:
        fetch_signed(config_of("zembrzyce"), url, document=DOCUMENT)
    assert "not signed yet" in raised.value.detail


def test_the_signed_document_must_be_the_one_sent(simulators) -> None:
    url = _start()
    _decide(url, "sign")

    with pytest.raises(TrustedSignatureError, match="not the document sent"):
        fetch_signed(
            config_of("zembrzyce"), url, document=DOCUMENT.replace(b"wpis do", b"wykreslenie z")
        )


def test_one_town_never_fetches_another_towns_document(simulators) -> None:
    url = _start("zembrzyce")
    _decide(url, "sign")

    with pytest.raises(TrustedSignatureError, match="unknown document"):
        fetch_signed(config_of("glogow"), url, document=DOCUMENT)


def test_a_system_the_service_does_not_know_is_refused(simulators) -> None:
    stranger = config_of("zembrzyce")
    stranger.system_private_key, stranger.system_certificate = new_system_credentials("obcy")
    with pytest.raises(TrustedSignatureError, match="unknown system"):
        start_signing(stranger, DOCUMENT, success_url=TOWN, failure_url=TOWN)


def test_an_unknown_signing_page_says_so(simulators) -> None:
    page = requests.get(f"{simulators.base}/symulator-pz/podpis/{'x' * 32}", timeout=30)
    assert page.status_code == 404
    assert "Nie ma takiego dokumentu" in unescape(page.text)


def test_a_local_configuration_is_refused_when_simulators_are_off(towns, settings) -> None:
    settings.SIMULATORS_ENABLED = False
    with pytest.raises(TrustedSignatureError, match="simulator is off"):
        start_signing(config_of("zembrzyce"), DOCUMENT, success_url=TOWN, failure_url=TOWN)


# ---------------------------------------------------------------- production


def _production(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "EURZAD_BUILD"}
    }
    clean.update(GOOD, **env, DJANGO_SETTINGS_MODULE="eurzad.settings.production")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_refuse_the_simulator() -> None:
    result = _production("", SIMULATORS_ENABLED="true")
    assert result.returncode != 0
    assert "SIMULATORS_ENABLED must be off in production" in result.stderr
    assert "podpis zaufany (TpSigning5)" in result.stderr


def test_production_serves_no_signing_simulator() -> None:
    code = (
        "from django.urls import Resolver404, resolve\n"
        "for path in ('/symulator-pz/ep-services/tpSigning5', '/symulator-pz/podpis/abc'):\n"
        "    try:\n"
        "        resolve(path, urlconf='eurzad.urls_public')\n"
        "    except Resolver404:\n"
        "        print('refused', path)\n"
    )
    result = _production(code, SIMULATORS_ENABLED="false")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("refused") == 2
