"""PDF documents the office issues (a payment confirmation, a receipt): fpdf2 with DejaVu
Sans shipped in ``fonts/`` (its licence allows redistribution), since the PDF core fonts
know no Polish letters and an embedded Unicode font does."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
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
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    return pdf


def write_line(pdf: FPDF, text: str, size: float = 10, style: str = "", height: float = 6) -> None:
    """A paragraph across the page's width."""
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(pdf.epw, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def write_facts(pdf: FPDF, facts: list[tuple[str, str]], label_width: float = 50) -> None:
    """Label–value rows: the label in bold, the value wrapped beside it."""
    for label, value in facts:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(label_width, 7, label)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(pdf.epw - label_width, 7, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
