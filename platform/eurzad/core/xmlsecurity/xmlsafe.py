"""Safe parsing of untrusted XML (SAML messages from the IdP).

Documents with a DOCTYPE are refused outright: SAML never needs one, and a DTD is the
vehicle for entity expansion ("billion laughs") and external entity (XXE) attacks.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["MalformedXMLError", "UnsafeXMLError", "parse_xml"]

UNSAFE_MESSAGE = (
    "Odrzucono niebezpieczny XML (DOCTYPE/encje) – rejected unsafe XML (DOCTYPE/entities)"
)
MALFORMED_MESSAGE = "Niepoprawny składniowo XML – malformed XML"

# A DOCTYPE or ENTITY declaration anywhere in the raw bytes (ASCII-compatible encodings).
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeXMLError(ValueError):
    """The document contains a DOCTYPE, entity declarations or entity references."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{UNSAFE_MESSAGE}: {detail}" if detail else UNSAFE_MESSAGE)


class MalformedXMLError(ValueError):
    """The document is not well-formed XML."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{MALFORMED_MESSAGE}: {detail}" if detail else MALFORMED_MESSAGE)


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers are not thread-safe.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        # Comments are outside exclusive C14N (so signatures are unaffected) and removing
        # them defeats the "comment splits the NameID text" truncation trick.
        remove_comments=True,
    )


def parse_xml(data: bytes) -> etree._Element:
    """Parse ``data`` and return the root element.

    Raises :class:`UnsafeXMLError` for any DOCTYPE, entity declaration or entity reference
    (checked both on the raw bytes and on the parsed tree, which also covers encodings such
    as UTF-16 that hide the markup from a byte search), and :class:`MalformedXMLError` for
    syntax errors or empty input.
    """
    if isinstance(data, str):
        raise TypeError("parse_xml expects bytes, not str")
    if not data or not data.strip():
        raise MalformedXMLError("pusty dokument – empty document")
    if _DECLARATION.search(data):
        raise UnsafeXMLError("DOCTYPE/ENTITY")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise MalformedXMLError(str(exc)) from None
    tree = root.getroottree()
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeXMLError("DOCTYPE")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise UnsafeXMLError("entity reference")
    return root
