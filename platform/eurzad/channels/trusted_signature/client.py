"""The TpSigning5 client: ``addDocumentToSigning`` hands the document over and answers
with the government page the browser goes to; after the resident signed there and came
back to our success URL, ``getSignedDocument`` returns the document signed.

Every request is WS-Security signed with the town's system key, as the ePUAP services
are (:mod:`eurzad.channels.wssecurity`); the configuration is the town's ePUAP one (its
environment and the system certificate registered for the office). The answers are read
without a WS-Security check: no public source shows TpSigning5 signing them, and what is
trusted is the signed document itself (its XAdES signature by a trusted authority and its
content, :mod:`.signed`) and, for the browser's URL, that it leads to the government's
site. See docs/integrations/podpis-zaufany.md.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from lxml import etree
from zeep.exceptions import Error as ZeepError
from zeep.exceptions import Fault, TransportError

from eurzad.channels.contrib.epuap.adapter import wyjatek_of
from eurzad.channels.contrib.epuap.soap import signed_service
from eurzad.channels.models import ChannelConfig
from eurzad.channels.trusted_signature.signed import (
    SignedDocument,
    TrustedSignatureError,
    read_signed_document,
)
from eurzad.channels.wssecurity import SignedSoap
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

__all__ = [
    "BINDING",
    "SIGNING",
    "SIMULATED_PATH",
    "TPSIGNING5_URLS",
    "WSDL",
    "fetch_signed",
    "signing_config",
    "signing_endpoint",
    "start_signing",
]

logger = logging.getLogger(__name__)
WSDL = Path(__file__).resolve().parent / "wsdl" / "tpSigning5.wsdl"
SIGNING = "http://signing.ws.comarch.gov"
BINDING = f"{{{SIGNING}}}TpSigning5SoapBinding"
TPSIGNING5_URLS = {
    ChannelConfig.Environment.INTEGRATION.value: "https://int.pz.gov.pl/ep-services/tpSigning5",
    ChannelConfig.Environment.PRODUCTION.value: "https://pz.gov.pl/ep-services/tpSigning5",
}
SIMULATED_PATH = "/ep-services/tpSigning5"
RETURN_SCHEMES = ("https", "http")


class _SignedRequests(SignedSoap):
    """Signs each request with the town's key; the answer is taken as it comes (see the
    module's docstring for why)."""

    def __init__(self, private_key_pem: str, certificate_pem: str) -> None:
        super().__init__(private_key_pem, certificate_pem, "")

    def verify(self, envelope: etree._Element) -> etree._Element:
        return envelope


def signing_config() -> ChannelConfig:
    """The current town's configuration for podpis zaufany: its ePUAP system (environment,
    certificate and key), whether or not its mailbox is polled."""
    config = ChannelConfig.objects.filter(kind=ChannelConfig.Kind.EPUAP).first()
    if config is None:
        raise TrustedSignatureError(
            "Podpis zaufany nie jest skonfigurowany: brak konfiguracji ePUAP urzędu",
            "podpis zaufany is not configured: the office has no ePUAP configuration",
        )
    return config


def signing_endpoint(config: Any) -> str:
    """Where TpSigning5 answers for ``config``'s environment (the local simulator only
    while simulators are on)."""
    if config.environment == ChannelConfig.Environment.LOCAL:
        if not settings.SIMULATORS_ENABLED:
            raise TrustedSignatureError(
                "Lokalny symulator podpisu zaufanego jest wyłączony na tej instalacji",
                "the local podpis zaufany simulator is off on this installation",
            )
        return settings.PZ_SIMULATOR_URL.rstrip("/") + SIMULATED_PATH
    try:
        return TPSIGNING5_URLS[config.environment]
    except KeyError:
        raise TrustedSignatureError(
            "Nieznane środowisko podpisu zaufanego",
            "unknown podpis zaufany environment",
            str(config.environment),
        ) from None


def _service(config: Any) -> Any:
    return signed_service(
        config,
        wsdl=WSDL,
        binding=BINDING,
        address=signing_endpoint(config),
        wsse=_SignedRequests(config.system_private_key, config.system_certificate),
    )


@contextmanager
def _service_errors() -> Iterator[None]:
    """What a call can raise, as a :class:`TrustedSignatureError`: a SOAP fault (with an
    ePUAP-style ``Wyjatek`` when there is one), no connection, an unreadable answer."""
    try:
        yield
    except Fault as fault:
        code, message = wyjatek_of(fault.detail)
        detail = message or (fault.message or "").strip()
        if code is not None:
            detail = f"[{code}] {detail}"
        raise TrustedSignatureError(
            "Usługa podpisu zaufanego odrzuciła żądanie",
            "the podpis zaufany service refused the request",
            detail,
        ) from None
    except (TransportError, requests.RequestException) as error:
        raise TrustedSignatureError(
            "Nie można połączyć się z usługą podpisu zaufanego",
            "cannot reach the podpis zaufany service",
            str(error),
        ) from None
    except (ZeepError, ValueError) as error:
        # ValueError: zeep decoding a base64 value that is not one.
        raise TrustedSignatureError(
            "Niezrozumiała odpowiedź usługi podpisu zaufanego",
            "unreadable answer from the podpis zaufany service",
            str(error),
        ) from None


def _check_return_url(url: str, name: str) -> None:
    parts = urlsplit(url or "")
    if parts.scheme not in RETURN_SCHEMES or not parts.hostname:
        raise ValueError(f"{name} must be an absolute http(s) URL, not {url!r}")


def _checked_signing_url(config: Any, url: str | None) -> str:
    """The URL the browser is sent to, if it leads to the government's site (over HTTPS,
    a gov.pl host) or, for the local environment, to the simulator."""
    url = (url or "").strip()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if config.environment == ChannelConfig.Environment.LOCAL:
        expected = urlsplit(settings.PZ_SIMULATOR_URL)
        allowed = (parts.scheme, parts.netloc) == (expected.scheme, expected.netloc)
    else:
        allowed = parts.scheme == "https" and (host == "gov.pl" or host.endswith(".gov.pl"))
    if not allowed:
        raise TrustedSignatureError(
            "Usługa podpisu zaufanego zwróciła nieoczekiwany adres strony podpisu",
            "the podpis zaufany service returned an unexpected signing page address",
            url[:200],
        )
    return url


def start_signing(
    config: Any,
    document: bytes,
    *,
    success_url: str,
    failure_url: str,
    additional_info: str = "",
) -> str:
    """Hand ``document`` (an XML) to TpSigning5 for the resident to sign and return the
    government's URL to send the browser to. The browser comes back to ``success_url``
    once signed, to ``failure_url`` when the resident cancels; keep the returned URL: it
    is what :func:`fetch_signed` asks for. ``additional_info`` is shown to the resident
    on the signing page (the application's title is a good one).

    ``config``: the town's ePUAP configuration (:func:`signing_config`).
    Raises :class:`TrustedSignatureError` (bilingual) when the service refuses or cannot
    be reached; ``ValueError`` for a document that is not XML or a relative return URL.
    """
    try:
        parse_xml(document)
    except (UnsafeXMLError, MalformedXMLError) as error:
        raise ValueError(f"the document to sign must be well-formed XML: {error}") from None
    _check_return_url(success_url, "success_url")
    _check_return_url(failure_url, "failure_url")
    service = _service(config)
    with _service_errors():
        url = service.addDocumentToSigning(
            doc=document,
            successURL=success_url,
            failureURL=failure_url,
            additionalInfo=additional_info,
        )
    return _checked_signing_url(config, url)


def fetch_signed(config: Any, signing_url: str, *, document: bytes) -> SignedDocument:
    """The document signed at ``signing_url`` (what :func:`start_signing` returned), with
    its signer: first name, last name, PESEL and signing time as Profil Zaufany states
    them in ``PodpisZP`` or ``EPSignature``. ``document`` is what was sent: the signed one
    must envelop exactly it.

    Raises :class:`TrustedSignatureError` (bilingual) on a SOAP fault, an answer without
    a document, a malformed or unsigned document, a signature that does not verify
    against a trusted authority, or a document that is not the one sent.
    """
    service = _service(config)
    with _service_errors():
        signed = service.getSignedDocument(id=signing_url)
    if not signed:
        raise TrustedSignatureError(
            "Usługa podpisu zaufanego nie zwróciła podpisanego dokumentu",
            "the podpis zaufany service returned no signed document",
        )
    result = read_signed_document(bytes(signed), document)
    logger.info("Podpis zaufany: a signed document fetched (%d bytes)", len(result.content))
    return result
