"""ePUAP WS-Pull adapter: a zeep SOAP client for ``oczekujaceDokumenty``,
``pobierzNastepny`` and ``potwierdzOdebranie``, every request WS-Security signed with the
town's system certificate, every response checked against ePUAP's certificate.

The shapes follow ePUAP's published pull.wsdl / obiektypk.xsd (see
docs/integrations/epuap.md): SOAPAction ``http://ws.epuap.gov.pl/pull/<operation>``,
faults carrying ``obiekty:Wyjatek`` (kod, komunikat), and ``skrot`` = base64 of the
SHA-1 of the document's ``zawartosc`` (the decoded bytes)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from zeep.exceptions import Error as ZeepError
from zeep.exceptions import Fault, SignatureVerificationFailed, TransportError

from eurzad.channels.contrib.epuap.soap import SignedServiceClient
from eurzad.channels.documents import ChannelKind, ReceivedDocument
from eurzad.channels.reading import ReadDocument, read_signed_form
from eurzad.channels.registry import ChannelError, register_adapter
from eurzad.channels.sending import DispatchUncertain
from eurzad.channels.upo import is_receipt
from eurzad.channels.wssecurity import WSSecurityError
from eurzad.core.xmlsecurity.xmlsafe import MalformedXMLError, UnsafeXMLError, parse_xml

__all__ = [
    "BINDING",
    "OBI",
    "SOAP_ACTIONS",
    "STATUS_EMPTY",
    "STATUS_OK",
    "WSDL",
    "EpuapPullAdapter",
    "document_id_of",
    "epuap_errors",
    "skrot_of",
    "wyjatek_of",
]

logger = logging.getLogger(__name__)
WSDL = Path(__file__).resolve().parent / "wsdl" / "pull.wsdl"
PULL = "http://ws.epuap.gov.pl/pull/"
OBI = "http://wsdl.epuap.gov.pl/obiekty/"
BINDING = f"{{{PULL}}}pull"
# The SOAPAction of each operation, as the published WSDL's binding states it.
SOAP_ACTIONS = {
    operation: f"{PULL}{operation}"
    for operation in ("oczekujaceDokumenty", "pobierzNastepny", "potwierdzOdebranie")
}
# ePUAP's status codes: 1 done, 0 the mailbox is empty; anything else is an error.
STATUS_OK = 1
STATUS_EMPTY = 0


def skrot_of(content: bytes) -> str:
    """``potwierdzOdebranie``'s ``skrot``: base64 of the SHA-1 of the document's content,
    i.e. of the bytes ``dokument/zawartosc`` decodes to (not of its base64 text)."""
    return base64.b64encode(hashlib.sha1(content).digest()).decode("ascii")  # noqa: S324


def wyjatek_of(detail: etree._Element | None) -> tuple[int | None, str]:
    """``(kod, komunikat)`` of the ``obiekty:Wyjatek`` in a SOAP fault's ``detail``."""
    if detail is None:
        return None, ""
    for element in detail.iter(f"{{{OBI}}}Wyjatek", "Wyjatek"):
        code = (element.findtext("kod") or "").strip()
        return (int(code) if code.lstrip("-").isdigit() else None), (
            element.findtext("komunikat") or ""
        ).strip()
    return None, ""


def document_id_of(extra: bytes | None) -> str:
    """The ``IdentyfikatorDokumentu`` carried in ``daneDodatkowe`` (an XML), if any: the
    last one, wherever it stands and whatever its namespace."""
    if not extra:
        return ""
    try:
        root = parse_xml(extra)
    except (UnsafeXMLError, MalformedXMLError, ValueError):
        return ""
    found = [
        (element.text or "").strip()
        for element in root.iter()
        if isinstance(element.tag, str)
        and etree.QName(element).localname == "IdentyfikatorDokumentu"
    ]
    return next((value for value in reversed(found) if value), "")


@contextmanager
def epuap_errors() -> Iterator[None]:
    """Turn what a call to an ePUAP service can raise into a clear :class:`ChannelError`:
    a fault (with its ``Wyjatek``), an answer not validly signed, no connection, or an
    answer zeep cannot read."""
    try:
        yield
    except Fault as fault:
        code, message = wyjatek_of(fault.detail)
        if code is None and not message:
            message = fault.message or ""
        where = f" [{code}]" if code is not None else ""
        raise ChannelError(_("ePUAP odrzucił żądanie") + f"{where}: {message}".rstrip()) from None
    except (SignatureVerificationFailed, WSSecurityError) as error:
        raise ChannelError(_("Odpowiedź ePUAP nie ma ważnego podpisu") + f": {error}") from None
    except requests.ReadTimeout:
        # The request reached ePUAP but no answer came: what it did is unknown.
        raise DispatchUncertain(
            _(
                "ePUAP nie odpowiedział w czasie; nie wiadomo, czy wykonał żądanie. Sprawdź "
                "to w ePUAP, zanim je ponowisz."
            )
        ) from None
    except (TransportError, requests.RequestException) as error:
        raise ChannelError(_("Nie można połączyć się z ePUAP") + f": {error}") from None
    except ZeepError as error:
        raise ChannelError(_("Niezrozumiała odpowiedź ePUAP") + f": {error}") from None


class EpuapPullAdapter(SignedServiceClient):
    """Reads the town's ePUAP mailbox (``/podmiot/skrytka``) through WS-Pull."""

    kind = ChannelKind.EPUAP
    wsdl = WSDL
    binding = BINDING

    def address(self) -> str:
        return self.config.endpoint

    def _query(self) -> dict[str, str]:
        return {
            "podmiot": self.config.podmiot_id,
            "nazwaSkrytki": self.config.mailbox_name,
            "adresSkrytki": self.config.mailbox_address,
        }

    def _call(self, operation: str, **extra: Any) -> Any:
        with epuap_errors():
            response = getattr(self.service, operation)(**self._query(), **extra)
        # zeep unwraps a response whose only element is the status.
        status = response.status if "status" in getattr(response, "__values__", {}) else response
        if status.kod not in (STATUS_OK, STATUS_EMPTY):
            raise ChannelError(
                _("ePUAP zgłosił błąd") + f": {status.kod} {status.komunikat or ''}".rstrip()
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
        # A UPP/UPD ePUAP sends to the office's reply mailbox is a receipt, not a form:
        # it is not signed with XAdES, and the receipt handler takes it in.
        read = ReadDocument(None, None) if is_receipt(raw) else read_signed_form(raw)
        sender = response.daneNadawcy
        received_at = response.dataNadania or dt.datetime.now(dt.UTC)
        if timezone.is_naive(received_at):
            received_at = timezone.make_aware(received_at)
        message_id = (
            document_id_of(response.daneDodatkowe) or f"sha256:{hashlib.sha256(raw).hexdigest()}"
        )
        return ReceivedDocument(
            channel=ChannelKind.EPUAP,
            message_id=message_id,
            sender_address=response.adresOdpowiedzi or (sender.uzytkownik if sender else "") or "",
            recipient_address=response.adresSkrytki or self.config.mailbox_address,
            received_at=received_at,
            title=(read.form.title if read.form else "") or response.dokument.nazwaPliku or "",
            raw=raw,
            form=read.form,
            signer=read.signer,
            attachments=read.form.attachments if read.form else (),
            defect=read.defect,
            receipt_token=skrot_of(raw),
        )

    def acknowledge(self, document: ReceivedDocument) -> None:
        self._call("potwierdzOdebranie", skrot=document.receipt_token)


register_adapter(ChannelKind.EPUAP.value, EpuapPullAdapter)
