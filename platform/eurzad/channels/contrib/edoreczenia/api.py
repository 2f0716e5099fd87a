"""The User Agent API (UA API, contract 3.x) of the town's e-Doręczenia mailbox: every
path is ``{endpoint}/{eDeliveryAddress}/…``, every call carries ``Authorization: Bearer``
with the system's access token (:mod:`.token`). Errors come back as a list of
``ErrorInfo`` (``error``, ``error_description``) and are raised as :class:`ChannelError`
in Polish."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests
from django.utils.translation import gettext as _

from eurzad.channels.contrib.edoreczenia.token import AccessTokens
from eurzad.channels.registry import ChannelError

__all__ = ["ApiResponse", "UserAgentApi"]

TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class ApiResponse:
    status: int
    content: bytes
    content_type: str

    def json(self) -> Any:
        """The body as JSON; raises :class:`ValueError` when it is not."""
        return json.loads(self.content)


def describe_error(response: requests.Response) -> str:
    """The provider's ``ErrorInfo`` list (or whatever came) as one line."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    items = body if isinstance(body, list) else [body]
    parts = []
    for item in items:
        if isinstance(item, dict):
            parts.append(
                " – ".join(
                    str(item[key])
                    for key in ("error", "error_description", "messageId")
                    if item.get(key)
                )
            )
    return "; ".join(part for part in parts if part)[:300] or response.text[:300]


class UserAgentApi:
    """The town's mailbox (its ``AE:PL-…`` address) on the provider's UA API."""

    def __init__(self, config: Any, session: requests.Session | None = None) -> None:
        self.config = config
        self.session = session or requests.Session()
        self.tokens = AccessTokens(config, self.session)

    def url(self, *parts: str) -> str:
        path = "/".join(quote(part, safe=":") for part in (self.config.delivery_address, *parts))
        return f"{self.config.endpoint}/{path}"

    def call(
        self,
        method: str,
        *parts: str,
        params: dict[str, Any] | None = None,
        body: Any = None,
        accept: str = "application/json",
    ) -> ApiResponse:
        """One request; a refused token is fetched anew once."""
        for attempt in (1, 2):
            response = self._send(method, self.url(*parts), params, body, accept)
            if response.status_code == 401 and attempt == 1:
                self.tokens.forget()
                continue
            break
        if response.status_code >= 400:
            raise ChannelError(
                _("e-Doręczenia odrzuciły żądanie (HTTP %(status)s): %(detail)s")
                % {"status": response.status_code, "detail": describe_error(response)}
            )
        return ApiResponse(
            response.status_code, response.content, response.headers.get("Content-Type", "")
        )

    def json(self, method: str, *parts: str, **kwargs: Any) -> Any:
        response = self.call(method, *parts, **kwargs)
        try:
            return response.json() if response.content else {}
        except ValueError:
            raise ChannelError(
                _("Niezrozumiała odpowiedź e-Doręczeń (to nie jest JSON).")
            ) from None

    def _send(
        self, method: str, url: str, params: dict[str, Any] | None, body: Any, accept: str
    ) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.tokens.current()}", "Accept": accept}
        try:
            return self.session.request(
                method,
                url,
                params=params,
                json=body,
                headers=headers,
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            raise ChannelError(
                _("Nie można połączyć się z e-Doręczeniami: %(error)s")
                % {"error": type(error).__name__}
            ) from None

    # -- messages -------------------------------------------------------------------

    def list_messages(self, *, label: str = "INBOX", **filters: Any) -> Any:
        """``GET /{eDeliveryAddress}/messages``: a folder (``label``), oldest first."""
        params = {
            "label": label,
            "format": "metadata",
            "sortColumn": "timestamp",
            "sortDirection": "asc",
            "limit": 50,
        } | filters
        return self.json("GET", "messages", params=params)

    def message(self, message_id: str) -> ApiResponse:
        """``GET /{eDeliveryAddress}/messages/{messageId}?format=fullExtended`` as it
        came (content and attachments inline); HTTP 202 means the provider is still
        bringing it into the mailbox."""
        response = self.call("GET", "messages", message_id, params={"format": "fullExtended"})
        if response.status == 202:
            raise ChannelError(
                _("e-Doręczenia jeszcze przygotowują wiadomość %(id)s; zostanie pobrana później.")
                % {"id": message_id}
            )
        return response

    def move(self, message_id: str, location: str) -> Any:
        """Move a message to another folder (``TRASH`` is the first step of deleting
        it): ``PATCH …/messages/{messageId}/message_control_data`` with a JSON Patch."""
        patch = [{"op": "replace", "path": "/labels", "value": {"messageLocation": location}}]
        return self.json("PATCH", "messages", message_id, "message_control_data", body=patch)

    def threads(self, **filters: Any) -> Any:
        return self.json("GET", "threads", params=filters or None)

    def thread(self, thread_id: str) -> Any:
        return self.json("GET", "threads", thread_id)

    def directories(self) -> Any:
        """``GET /{eDeliveryAddress}/numberMessages``: folders with their counts."""
        return self.json("GET", "numberMessages")

    # -- sending --------------------------------------------------------------------

    def create_draft(self, message: dict[str, Any]) -> str:
        answer = self.json("POST", "drafts", body=message)
        return _required(answer, "messageId")

    def add_attachment(self, draft_id: str, file_data: dict[str, Any]) -> str:
        answer = self.json("POST", "drafts", draft_id, "attachments", body=file_data)
        return _required(answer, "attachmentId")

    def send_draft(self, draft_id: str) -> str:
        answer = self.json("POST", "drafts", "send", body={"messageId": draft_id})
        return _required(answer, "messageTaskId")

    def task_status(self, task_id: str) -> str:
        answer = self.json("GET", "messages", "tasks", task_id, "status")
        return _required(answer, "messageTaskStatus")

    def task_results(self, task_id: str) -> list[dict[str, Any]]:
        answer = self.json("GET", "messages", "tasks", task_id)
        if not isinstance(answer, list):
            raise ChannelError(_("Niezrozumiała odpowiedź e-Doręczeń o zadaniu wysłania."))
        return [item for item in answer if isinstance(item, dict)]

    # -- evidences ------------------------------------------------------------------

    def evidences(self, message_id: str) -> Any:
        return self.json(
            "GET",
            "messages",
            message_id,
            "evidences",
            params={"sortColumn": "eventDate", "sortDirection": "asc"},
        )

    def evidence_file(self, evidence_id: str, message_type: str = "purde") -> bytes:
        """The signed evidence as issued (``application/octet-stream``)."""
        response = self.call(
            "GET", "evidences", message_type, evidence_id, accept="application/octet-stream"
        )
        return response.content


def _required(answer: Any, key: str) -> str:
    if not isinstance(answer, dict) or not answer.get(key):
        raise ChannelError(
            _("Niezrozumiała odpowiedź e-Doręczeń: brak pola %(field)s.") % {"field": key}
        )
    return str(answer[key])
