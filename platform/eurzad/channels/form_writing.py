"""Writing the crd.gov.pl ``wnio:Dokument`` shapes: one element at a time, and the
attachments (``str:Zalaczniki``) as the schema carries them, base64-encoded. The office's
letters (ePUAP sending) and the simulator's residents' forms are both written with it."""

from __future__ import annotations

import base64
from collections.abc import Iterable

from lxml import etree

from eurzad.channels.documents import Attachment
from eurzad.channels.forms import STR

__all__ = ["add", "add_attachments"]


def add(
    parent: etree._Element, tag: str, text: str | None = None, **attributes: str
) -> etree._Element:
    """A new child ``tag`` of ``parent`` with ``attributes`` and, when given, ``text``."""
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def add_attachments(content: etree._Element, attachments: Iterable[Attachment]) -> None:
    """``str:Zalaczniki`` in ``content``, one ``str:Zalacznik`` per attachment (none when
    there are no attachments)."""
    attachments = list(attachments)
    if not attachments:
        return
    container = add(content, f"{{{STR}}}Zalaczniki")
    for attachment in attachments:
        item = add(
            container,
            f"{{{STR}}}Zalacznik",
            format=attachment.content_type,
            nazwaPliku=attachment.filename,
            kodowanie="base64",
        )
        add(item, f"{{{STR}}}DaneZalacznika", base64.b64encode(attachment.content).decode())
