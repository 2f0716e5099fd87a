"""Sending a letter through e-Doręczenia (UA API contract 3.x, two-stage sending):
create a draft with the ``Message``, upload each attachment to it, send the draft (the
provider answers with a ``messageTaskId``), then read the task's result for the id of
the message in the SENT folder. Evidences are listed per message and each is fetched as
issued (signed XML); the PDF renderings (BP.WP, BP.OP) are skipped."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.utils.translation import gettext as _

from eurzad.channels.contrib.edoreczenia.api import UserAgentApi
from eurzad.channels.contrib.edoreczenia.messages import (
    MessageFormatError,
    attachment_upload,
    delivery_state,
    is_pdf_twin,
    outgoing_message,
    read_evidences,
)
from eurzad.channels.registry import ChannelError
from eurzad.channels.sending import (
    DeliveryEvidence,
    Dispatch,
    DispatchRefused,
    DispatchUncertain,
    OutgoingLetter,
    register_sender,
)

__all__ = ["TASK_PREFIX", "EDoreczeniaSender"]

# A send whose task is still pending is dispatched under its task id; the message id is
# looked up when its evidence is read.
TASK_PREFIX = "task:"
TASK_POLLS = 5
TASK_POLL_SECONDS = 0.5


class EDoreczeniaSender:
    def __init__(self, config: Any, api: UserAgentApi | None = None) -> None:
        self.config = config
        self.api = api or UserAgentApi(config)

    def send(self, letter: OutgoingLetter) -> Dispatch:
        try:
            message = outgoing_message(letter, sender_address=self.config.delivery_address)
        except MessageFormatError as error:
            raise DispatchRefused(str(error)) from None
        draft_id = self.api.create_draft(message)
        for attachment in letter.attachments:
            self.api.add_attachment(draft_id, attachment_upload(attachment))
        try:
            task_id = self.api.send_draft(draft_id)
        except ChannelError as error:
            # The send may have been taken even though no answer came: never again blindly.
            raise DispatchUncertain(
                _(
                    "Nie wiadomo, czy e-Doręczenia przyjęły pismo do wysłania (wersja robocza "
                    "%(draft)s). Sprawdź folder wysłanych skrzynki, zanim wyślesz je ponownie. "
                    "%(error)s"
                )
                % {"draft": draft_id, "error": error}
            ) from None
        sent_at = dt.datetime.now(dt.UTC)
        for poll in range(TASK_POLLS):
            try:
                message_id = self._finished(task_id)
            except DispatchRefused:
                raise
            except ChannelError:
                break  # the task's outcome is read again with the evidence
            if message_id:
                return Dispatch(message_id=message_id, sent_at=sent_at)
            if poll + 1 < TASK_POLLS:
                time.sleep(TASK_POLL_SECONDS)
        return Dispatch(message_id=TASK_PREFIX + task_id, sent_at=sent_at)

    def _finished(self, task_id: str) -> str:
        """The sent message's id once the task is FINISHED, else ""; the provider's
        refusal to send raises :class:`DispatchRefused`."""
        if self.api.task_status(task_id) != "FINISHED":
            return ""
        results = self.api.task_results(task_id)
        for result in results:
            if result.get("error"):
                raise DispatchRefused(
                    _("e-Doręczenia nie wysłały wiadomości: %(error)s")
                    % {
                        "error": " – ".join(
                            str(result[k]) for k in ("error", "error_description") if result.get(k)
                        )
                    }
                )
        for result in results:
            if result.get("messageId"):
                return str(result["messageId"])
        raise DispatchUncertain(_("e-Doręczenia zakończyły wysyłkę bez identyfikatora wiadomości."))

    def evidence(self, dispatch: Dispatch) -> list[DeliveryEvidence]:
        message_id = dispatch.message_id
        if message_id.startswith(TASK_PREFIX):
            message_id = self._finished(message_id.removeprefix(TASK_PREFIX))
            if not message_id:
                return []
        try:
            references = read_evidences(self.api.evidences(message_id))
        except MessageFormatError as error:
            raise ChannelError(str(error)) from None
        evidence = []
        for reference in references:
            state = delivery_state(reference.kind)
            if state is None or is_pdf_twin(reference.kind):
                continue
            evidence.append(
                DeliveryEvidence(
                    kind=reference.kind,
                    evidence_id=reference.evidence_id,
                    issued_at=reference.issued_at or dispatch.sent_at,
                    state=state,
                    content=self.api.evidence_file(reference.evidence_id),
                )
            )
        return sorted(evidence, key=lambda item: item.issued_at)


register_sender("edoreczenia", EDoreczeniaSender)
