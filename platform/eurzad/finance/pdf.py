"""The payment confirmation (potwierdzenie wpłaty) as a PDF.

fpdf2 with DejaVu Sans shipped in ``fonts/`` (its licence allows redistribution): the
PDF core fonts know no Polish letters, an embedded Unicode font does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from eurzad.finance.money import ZERO, format_pln
from eurzad.finance.queries import Receipt

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
WARSAW = ZoneInfo("Europe/Warsaw")


def _date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


def receipt_pdf(receipt: Receipt) -> bytes:
    """The confirmation of one payment: who paid, when, how much, how, and what it settled."""
    pdf = FPDF(format="A4")
    pdf.set_title(_("Potwierdzenie wpłaty"))
    pdf.set_author(receipt.town)
    pdf.set_creator("e-Urząd")
    pdf.set_lang("pl")
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.epw

    def line(text: str, size: float = 10, style: str = "", height: float = 6) -> None:
        pdf.set_font(FONT, style, size)
        pdf.multi_cell(width, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    line(receipt.town, 13, "B", 7)
    if receipt.office_address:
        line(receipt.office_address, 9, height=5)
    pdf.ln(6)
    line(_("Potwierdzenie wpłaty"), 16, "B", 9)
    pdf.ln(3)

    payment = receipt.payment
    facts = [
        (_("Wpłacający"), receipt.party_name),
        (_("Identyfikator"), receipt.party_identifier or "—"),
        (_("Adres"), receipt.party_address or "—"),
        (_("Data zaksięgowania"), _date(payment.booked_on)),
        (_("Kwota"), format_pln(payment.amount)),
        (_("Sposób zapłaty"), receipt.channel),
        (_("Tytuł"), payment.title or "—"),
        (_("Identyfikator wpłaty"), f"{payment.external_id} ({payment.source})"),
    ]
    label_width = 50
    for label, value in facts:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(label_width, 7, label)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(width - label_width, 7, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.ln(4)
    line(_("Rozliczenie wpłaty"), 12, "B", 8)
    if receipt.lines:
        pdf.set_font(FONT, "", 9)
        with pdf.table(
            col_widths=(95, 35, 40),
            text_align=("LEFT", "LEFT", "RIGHT"),
            headings_style=FontFace(emphasis="BOLD"),
            line_height=6,
        ) as table:
            heading = table.row()
            for text in (_("Należność"), _("Termin płatności"), _("Kwota")):
                heading.cell(text)
            for item in receipt.lines:
                row = table.row()
                row.cell(item.what)
                row.cell(_date(item.due_date))
                row.cell(format_pln(item.amount))
    else:
        line(_("Wpłata nie została jeszcze rozliczona na żadną należność."), 10)
    if receipt.overpayment > ZERO:
        pdf.ln(2)
        line(_("Nadpłata: %(amount)s") % {"amount": format_pln(receipt.overpayment)}, 10, "B")

    pdf.ln(8)
    generated = timezone.localtime(receipt.generated_at, timezone=WARSAW)
    line(
        _("Wygenerowano: %(when)s (czas polski).") % {"when": generated.strftime("%d.%m.%Y %H:%M")},
        8,
        height=5,
    )
    line(
        _(
            "Potwierdzenie przygotowane automatycznie na podstawie wpłaty zaksięgowanej "
            "w urzędzie; nie wymaga podpisu."
        ),
        8,
        height=5,
    )
    return bytes(pdf.output())
