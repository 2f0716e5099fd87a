"""e-Doręczenia adapter over REST/JSON, in the style of the e-Doręczenia address-service
("UA") API: list the messages waiting in the office's electronic-delivery mailbox, fetch
one, mark it received. The public specification's exact paths were not available to us;
the shape this adapter speaks (and the simulator serves) is:

``GET  {endpoint}/mailboxes/{address}/messages?status=NEW``
    ``{"messages": [{"messageId", "subject", "receivedAt"}, …]}`` oldest first
``GET  {endpoint}/mailboxes/{address}/messages/{messageId}``
    ``{"messageId", "subject", "receivedAt", "sender": {"address", "name"},
    "recipient": {"address"}, "document": {"filename", "contentType", "content"},
    "attachments": […], "evidence": {"id", "xml"}}`` (content and xml base64)
``POST {endpoint}/mailboxes/{address}/messages/{messageId}/received``

Every request carries ``Authorization: Bearer <JWS>`` signed with the town's system key
(:mod:`.jws`). Adjusting to the production API means changing the paths here only.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any
from urllib.parse import quote

import requests
from django.utils.translation import gettext as _

from eurzad.channels.contrib.edoreczenia.jws import make_token
from eurzad.channels.documents import Attachment, ChannelKind, ReceivedDocument
from eurzad.channels.reading import read_signed_form
from eurzad.channels.registry import ChannelError, register_adapter

__all__ = ["EDoreczeniaAdapter"]

TIMEOUT_SECONDS = 30


class EDoreczeniaAdapter:
    """Reads the town's e-Doręczenia mailbox (its ``AE:PL-…`` address)."""

    kind = ChannelKind.EDORECZENIA

    def __init__(self, config: Any) -> None:
        self.config = config
        self.session = requests.Session()

    def _url(self, *parts: str) -> str:
        # ":" stays literal (AE:PL-…): the token names the URL exactly as the server sees it.
        path = "/".join(
            quote(part, safe=":") for part in ("mailboxes", self.config.delivery_address, *parts)
        )
        return f"{self.config.endpoint}/{path}"

    def _request(self, method: str, url: str, **kwargs: Any) -> Any:
        token = make_token(
            address=self.config.delivery_address,
            audience=self.config.endpoint,
            method=method,
            url=url,
            key_pem=self.config.system_private_key,
            certificate_pem=self.config.system_certificate,
        )
        try:
            response = self.session.request(
                method,
                url,
                headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                timeout=TIMEOUT_SECONDS,
                **kwargs,
            )
        except requests.RequestException as error:
            raise ChannelError(
                _("Nie można połączyć się z e-Doręczeniami (cannot reach e-Doręczenia)")
                + f": {error}"
            ) from None
        if response.status_code >= 400:
            raise ChannelError(
                _("e-Doręczenia odrzuciły żądanie (e-Doręczenia refused the request)")
                + f": {response.status_code} {response.text[:300]}"
            )
        return response.json() if response.content else {}

    def _waiting(self) -> list[dict[str, Any]]:
        return list(
            self._request("GET", self._url("messages"), params={"status": "NEW"})["messages"]
        )

    def pending(self) -> int:
        return len(self._waiting())

    def fetch_next(self) -> ReceivedDocument | None:
        waiting = self._waiting()
        if not waiting:
            return None
        message = self._request("GET", self._url("messages", waiting[0]["messageId"]))
        try:
            raw = base64.b64decode(message["document"]["content"], validate=True)
            attachments = tuple(
                Attachment(
                    item["filename"],
                    item.get("contentType", "application/octet-stream"),
                    base64.b64decode(item["content"], validate=True),
                )
                for item in message.get("attachments", [])
            )
            evidence = message.get("evidence") or {}
            upo_xml = base64.b64decode(evidence["xml"], validate=True) if evidence else b""
            received_at = dt.datetime.fromisoformat(message["receivedAt"])
        except (KeyError, TypeError, ValueError, binascii.Error) as error:
            raise ChannelError(
                _("Niezrozumiała wiadomość z e-Doręczeń (unexpected message from e-Doręczenia)")
                + f": {type(error).__name__}"
            ) from None
        read = read_signed_form(raw)
        return ReceivedDocument(
            channel=ChannelKind.EDORECZENIA,
            message_id=str(message["messageId"]),
            sender_address=message.get("sender", {}).get("address", ""),
            recipient_address=message.get("recipient", {}).get(
                "address", self.config.delivery_address
            ),
            received_at=received_at,
            title=(read.form.title if read.form else "") or message.get("subject", ""),
            raw=raw,
            form=read.form,
            signer=read.signer,
            attachments=(read.form.attachments if read.form else ()) + attachments,
            # e-Doręczenia's own evidence is kept as issued; intake verifies nothing in it
            # and issues the town's UPO when none came.
            upo_id=evidence.get("id", "") if evidence else "",
            upo_xml=upo_xml,
            defect=read.defect,
        )

    def acknowledge(self, document: ReceivedDocument) -> None:
        self._request("POST", self._url("messages", document.message_id, "received"))


register_adapter(ChannelKind.EDORECZENIA.value, EDoreczeniaAdapter)
