"""PDF documents the office issues (a payment confirmation, a receipt): fpdf2 with DejaVu
Sans shipped in ``fonts/`` (its licence allows redistribution), since the PDF core fonts
know no Polish letters and an embedded Unicode font does."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos

logger = logging.getLogger(__name__)

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
MARGIN = 20  # mm, every side
ARMS_HEIGHT = 18  # mm: the coat of arms beside the town's name
WARSAW = ZoneInfo("Europe/Warsaw")


def polish_pdf(title: str, author: str) -> FPDF:
    """An A4 document in Polish with the Unicode font (regular and bold) and 20 mm
    margins, its first page added."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("e-Urząd")
    pdf.set_lang("pl")
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.add_page()
    return pdf


def write_line(
    pdf: FPDF, text: str, size: float = 10, style: str = "", height: float = 6, align: str = "J"
) -> None:
    """A paragraph across the page's width (justified unless ``align`` says otherwise)."""
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(pdf.epw, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def write_facts(pdf: FPDF, facts: list[tuple[str, str]], label_width: float = 50) -> None:
    """Label–value rows: the label in bold, the value wrapped beside it."""
    for label, value in facts:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(label_width, 7, label)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(pdf.epw - label_width, 7, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def write_header(
    pdf: FPDF, town: str, title: str, *, address: str = "", arms: bytes | None = None
) -> None:
    """The issuing town at the top (its coat of arms beside its name, when given as PNG,
    JPEG or SVG bytes, and the office's address under it), then the document's title."""
    top, margin = pdf.get_y(), pdf.l_margin
    arms_width = _arms(pdf, arms, top) if arms else 0.0
    if arms_width:
        pdf.set_left_margin(margin + arms_width + 4)
        pdf.set_xy(pdf.l_margin, top)
    write_line(pdf, town, 13, "B", 7)
    if address:
        write_line(pdf, address, 9, height=5)
    if arms_width:
        pdf.set_left_margin(margin)
        pdf.set_xy(margin, max(pdf.get_y(), top + ARMS_HEIGHT))
    pdf.ln(6)
    write_line(pdf, title, 16, "B", 9, align="L")
    pdf.ln(3)


def _arms(pdf: FPDF, arms: bytes, top: float) -> float:
    """Draw the coat of arms at the top left; its width (0: it could not be drawn)."""
    try:
        drawn = pdf.image(io.BytesIO(arms), x=pdf.l_margin, y=top, h=ARMS_HEIGHT)
    # Not an image fpdf reads (Pillow's OSError; a malformed or sizeless SVG's ParseError,
    # a SyntaxError, or ValueError): the header goes on without it.
    except (OSError, SyntaxError, ValueError):
        logger.warning("A coat of arms could not be drawn in a PDF header")
        return 0.0
    return float(drawn.rendered_width)
