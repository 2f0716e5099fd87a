"""Residents on the simulated e-Doręczenia: their addresses (derived from the test
person, never showing the PESEL) and what they send to a town's mailbox."""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass, field

from eurzad.channels.documents import Attachment
from eurzad.channels.simulator.ade import delivery, store
from eurzad.core.simulated_people import SimulatedPerson

__all__ = ["SentToTown", "resident_address", "send_to_town"]


@dataclass(frozen=True)
class SentToTown:
    """What the compose page and the tests get back: the message as the town will see it."""

    message_id: str
    mailbox: str
    upo_id: str
    content: bytes = field(repr=False)


def resident_address(person: SimulatedPerson) -> str:
    """A stable, well-formed ``AE:PL-…`` address for a test person."""
    digest = hashlib.sha256(f"ade:{person.pesel}".encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = "".join(string.ascii_uppercase[b % 26] for b in digest[8:13])
    return (
        f"AE:PL-{number % 100000:05d}-{(number // 100000) % 100000:05d}-"
        f"{letters}-{digest[13] % 100:02d}"
    )


def send_to_town(
    town_address: str, document: bytes, *, sender: SimulatedPerson, subject: str
) -> SentToTown:
    """The resident sends the signed form (an XML attachment) to the town's address; a
    public entity's mailbox takes it in at once (E.1)."""
    _sent, received = delivery.submit(
        sender={
            "eDeliveryAddress": resident_address(sender),
            "contributor": {"firstName": sender.first_name, "lastName": sender.last_name},
        },
        recipient_address=town_address,
        subject=subject,
        text_body="W załączeniu pismo podpisane profilem zaufanym.",
        attachments=(Attachment("pismo.xml", "text/xml", document),),
        deliver_at_once=True,
    )
    delivered = [e for e in store.evidences_of(received["messageId"]) if e["type"] == "E.1"]
    return SentToTown(
        message_id=received["messageId"],
        mailbox=town_address,
        upo_id=delivered[0]["evidenceId"] if delivered else "",
        content=document,
    )
