"""The payment confirmation (potwierdzenie wpłaty) as a PDF (eurzad.core.pdf)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf.fonts import FontFace

from eurzad.core.pdf import FONT, WARSAW, polish_pdf, write_facts, write_header, write_line
from eurzad.finance.money import ZERO, format_pln
from eurzad.finance.queries import Receipt


def _date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


def receipt_pdf(receipt: Receipt) -> bytes:
    """The confirmation of one payment: who paid, when, how much, how, and what it settled."""
    pdf = polish_pdf(_("Potwierdzenie wpłaty"), receipt.town)

    def line(text: str, size: float = 10, style: str = "", height: float = 6) -> None:
        write_line(pdf, text, size, style, height)

    write_header(pdf, receipt.town, _("Potwierdzenie wpłaty"), address=receipt.office_address)

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
    write_facts(pdf, facts)

    pdf.ln(4)
    line(_("Rozliczenie wpłaty"), 12, "B", 8)
    if receipt.lines:
        pdf.set_font(FONT, "", 9)
        with pdf.table(
            col_widths=(70, 28, 30, 30, 32),
            text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"),
            headings_style=FontFace(emphasis="BOLD"),
            line_height=6,
        ) as table:
            heading = table.row()
            for text in (
                _("Należność"), _("Termin płatności"), _("Na należność"), _("Na odsetki"),
                _("Razem"),
            ):  # fmt: skip
                heading.cell(text)
            for item in receipt.lines:
                row = table.row()
                row.cell(item.what)
                row.cell(_date(item.due_date))
                row.cell(format_pln(item.amount))
                row.cell(format_pln(item.interest))
                row.cell(format_pln(item.amount + item.interest))
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
