"""ePUAP WS-Pull adapter: a zeep SOAP client for ``oczekujaceDokumenty``,
``pobierzNastepny`` and ``potwierdzOdebranie``, every request WS-Security signed with the
town's system certificate, every response checked against ePUAP's certificate."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from pathlib import Path
from typing import Any

import requests
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from zeep import Client
from zeep.exceptions import Error as ZeepError
from zeep.exceptions import Fault, SignatureVerificationFailed, TransportError
from zeep.transports import Transport

from eurzad.channels.documents import ChannelKind, ReceivedDocument
from eurzad.channels.reading import read_signed_form
from eurzad.channels.registry import ChannelError, register_adapter
from eurzad.channels.upo import receipt_id_of
from eurzad.channels.wssecurity import SignedSoap, WSSecurityError
from eurzad.identity.wk import xmldsig
from eurzad.identity.wk.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

__all__ = ["BINDING", "STATUS_EMPTY", "STATUS_OK", "WSDL", "EpuapPullAdapter"]

logger = logging.getLogger(__name__)
WSDL = Path(__file__).resolve().parent / "wsdl" / "pull.wsdl"
BINDING = "{http://ws.epuap.gov.pl/pull/}PullSoapBinding"
# ePUAP's status codes: 1 done, 0 the mailbox is empty; anything else is an error.
STATUS_OK = 1
STATUS_EMPTY = 0
TIMEOUT_SECONDS = 30


class EpuapPullAdapter:
    """Reads the town's ePUAP mailbox (``/podmiot/skrytka``) through WS-Pull."""

    kind = ChannelKind.EPUAP

    def __init__(self, config: Any) -> None:
        self.config = config
        self._service: Any = None

    # ------------------------------------------------------------ transport

    @property
    def service(self) -> Any:
        if self._service is None:
            client = Client(
                str(WSDL),
                wsse=SignedSoap(
                    self.config.system_private_key,
                    self.config.system_certificate,
                    self.config.trusted_provider_certificate,
                ),
                transport=Transport(timeout=TIMEOUT_SECONDS, operation_timeout=TIMEOUT_SECONDS),
            )
            self._service = client.create_service(BINDING, self.config.endpoint)
        return self._service

    def _query(self) -> dict[str, str]:
        return {
            "podmiot": self.config.podmiot_id,
            "nazwaSkrytki": self.config.mailbox_name,
            "adresSkrytki": self.config.mailbox_address,
        }

    def _call(self, operation: str, **extra: Any) -> Any:
        try:
            response = getattr(self.service, operation)(**self._query(), **extra)
        except Fault as fault:
            raise ChannelError(
                _("ePUAP odrzucił żądanie (ePUAP refused the request)") + f": {fault.message}"
            ) from None
        except (SignatureVerificationFailed, WSSecurityError) as error:
            raise ChannelError(
                _("Odpowiedź ePUAP nie ma ważnego podpisu (ePUAP's answer is not validly signed)")
                + f": {error}"
            ) from None
        except (TransportError, requests.RequestException) as error:
            raise ChannelError(
                _("Nie można połączyć się z ePUAP (cannot reach ePUAP)") + f": {error}"
            ) from None
        except ZeepError as error:
            raise ChannelError(
                _("Niezrozumiała odpowiedź ePUAP (unexpected answer from ePUAP)") + f": {error}"
            ) from None
        # zeep unwraps a response whose only element is the status.
        status = response.status if "status" in getattr(response, "__values__", {}) else response
        if status.kod not in (STATUS_OK, STATUS_EMPTY):
            raise ChannelError(
                _("ePUAP zgłosił błąd (ePUAP reported an error)")
                + f": {status.kod} {status.komunikat or ''}".rstrip()
            )
        return response

    # ------------------------------------------------------------ the interface

    def pending(self) -> int:
        return int(self._call("oczekujaceDokumenty").oczekujace or 0)

    def fetch_next(self) -> ReceivedDocument | None:
        response = self._call("pobierzNastepny")
        if response.status.kod == STATUS_EMPTY or response.dokument is None:
            return None
        raw: bytes = response.dokument.zawartosc or b""
        digest = hashlib.sha256(raw).digest()
        read = read_signed_form(raw)
        upo_id, upo_xml = self._provider_upo(response.upo)
        sender = response.daneNadawcy
        received_at = response.dataNadania or dt.datetime.now(dt.UTC)
        if timezone.is_naive(received_at):
            received_at = timezone.make_aware(received_at)
        return ReceivedDocument(
            channel=ChannelKind.EPUAP,
            message_id=response.identyfikatorDokumentu or f"sha256:{digest.hex()}",
            sender_address=response.adresOdpowiedzi or (sender.uzytkownik if sender else ""),
            recipient_address=response.adresSkrytki or self.config.mailbox_address,
            received_at=received_at,
            title=(read.form.title if read.form else "") or response.dokument.nazwaPliku or "",
            raw=raw,
            form=read.form,
            signer=read.signer,
            attachments=read.form.attachments if read.form else (),
            upo_id=upo_id,
            upo_xml=upo_xml,
            defect=read.defect,
            receipt_token=digest.hex(),
        )

    def acknowledge(self, document: ReceivedDocument) -> None:
        self._call("potwierdzOdebranie", skrot=bytes.fromhex(document.receipt_token))

    # ------------------------------------------------------------ UPO

    def _provider_upo(self, upo: bytes | None) -> tuple[str, bytes]:
        """The UPO ePUAP issued, if it is validly signed by ePUAP. A bad UPO does not
        make the resident's document bad: intake then issues the town's own."""
        if not upo:
            return "", b""
        try:
            root = parse_xml(upo)
            xmldsig.verify(root, self.config.trusted_provider_certificate)
        except (UnsafeXMLError, MalformedXMLError, ValueError):
            logger.warning("ePUAP's UPO is not validly signed; the town issues its own")
            return "", b""
        return receipt_id_of(root), etree.tostring(root, xml_declaration=True, encoding="UTF-8")


register_adapter(ChannelKind.EPUAP.value, EpuapPullAdapter)
