"""The filled form as a PDF (eurzad.core.pdf): the town's header, the application's
reference, dates and applicant, each step with its answers (a group as a table), the
fee, then the login and the digest that tie the printout to the filed copies.

Headings follow the reader's language; the answers' labels are the form's own (the
English ones the editors gave, when reading in English)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from eurzad.core.pdf import FONT, WARSAW, polish_pdf, write_facts, write_header, write_line
from eurzad.eservices.definition import Definition, Field
from eurzad.eservices.filed import (
    Answer,
    Attachment,
    FiledApplication,
    Section,
    coat_of_arms,
    filed_application,
)
from eurzad.eservices.models import Submission
from eurzad.finance.money import format_pln
from eurzad.identity.models import LoginGovConfig

__all__ = ["as_pdf", "instant", "level_of_assurance", "shown", "when"]

LABEL_WIDTH = 70  # mm, of the 170 mm between the margins


def _english() -> bool:
    return (translation.get_language() or "pl").startswith("en")


def _localised(polish: str, english: str) -> str:
    return english if english and _english() else polish


def when(value: dt.datetime | None) -> str:
    """A moment as people in Poland read it (Polish time)."""
    return timezone.localtime(value, WARSAW).strftime("%d.%m.%Y %H:%M:%S") if value else "—"


def instant(text: str) -> str:
    """An ISO 8601 moment as written by another system (the node's AuthnInstant), shown
    as :func:`when` shows one; as it is when it is no such moment."""
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return when(value if value.tzinfo else value.replace(tzinfo=dt.UTC))


def level_of_assurance(uri: str) -> str:
    """eIDAS level of assurance by its name (niski, znaczny, wysoki)."""
    return str(dict(LoginGovConfig.LevelOfAssurance.choices).get(uri, uri))


def _number(text: str) -> str:
    """``2.5`` → ``2,5``; a text that is no number stays as it is."""
    try:
        Decimal(text)
    except InvalidOperation:
        return text
    return text.replace(".", ",")


def _size(attachment: Attachment) -> str:
    if attachment.size is None:
        return attachment.name
    kilobytes = _number(f"{attachment.size / 1024:.1f}")
    return _("%(name)s (%(size)s KB)") % {"name": attachment.name, "size": kilobytes}


def shown(answer: Answer) -> str:
    """An answer as a person reads it."""
    spec, value = answer.spec, answer.value
    if isinstance(value, bool):
        return _("tak") if value else _("nie")
    if spec.kind == "choice":
        choice = next((each for each in spec.choices if each.value == value), None)
        return _localised(choice.label, choice.label_en) if choice else str(value)
    if spec.kind == "file":
        return "\n".join(_size(attachment) for attachment in answer.attachments)
    if spec.kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            return value
    if spec.kind == "computed" and spec.money:
        return format_pln(Decimal(str(value)))
    if spec.kind in ("number", "computed"):
        return _number(str(value))
    return str(value)


def _label(spec: Field) -> str:
    return _localised(spec.label, spec.label_en)


def _rows(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    """Label–value rows of a step, both wrapped (labels may be whole sentences)."""
    pdf.set_font(FONT, "", 10)
    with pdf.table(
        col_widths=(LABEL_WIDTH, pdf.epw - LABEL_WIDTH),
        first_row_as_headings=False,
        text_align="LEFT",
        line_height=6,
        padding=1,
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label, style=FontFace(emphasis="BOLD"))
            row.cell(value)


def _group(pdf: FPDF, answer: Answer) -> None:
    """A group's entries as a table: a column for each of its fields."""
    write_line(pdf, _label(answer.spec), 10, "B", 7)
    columns = answer.spec.fields
    pdf.set_font(FONT, "", 9)
    with pdf.table(
        text_align="LEFT",
        headings_style=FontFace(emphasis="BOLD"),
        line_height=5,
        padding=1,
    ) as table:
        heading = table.row()
        heading.cell(_("Lp."))
        for inner in columns:
            heading.cell(_label(inner))
        for number, entry in enumerate(answer.rows, start=1):
            by_key = {inner.spec.key: inner for inner in entry}
            row = table.row()
            row.cell(str(number))
            for inner in columns:
                row.cell(shown(by_key[inner.key]) if inner.key in by_key else "")
    pdf.ln(2)


def _section(pdf: FPDF, section: Section) -> None:
    pdf.ln(3)
    write_line(pdf, _localised(section.title, section.title_en), 12, "B", 8)
    rows: list[tuple[str, str]] = []
    for answer in section.answers:
        if answer.spec.kind != "group":
            rows.append((_label(answer.spec), shown(answer)))
            continue
        if rows:
            _rows(pdf, rows)
            rows = []
        _group(pdf, answer)
    if rows:
        _rows(pdf, rows)


def _applicant_facts(filed: FiledApplication) -> list[tuple[str, str]]:
    applicant = filed.applicant
    if applicant is None:
        return [(_("Wnioskodawca"), _("zgłoszenie anonimowe (bez logowania)"))]
    facts = [(_("Wnioskodawca"), applicant.name)]
    if applicant.pesel:
        facts.append((_("PESEL"), applicant.pesel))
    if applicant.nip:
        facts.append((_("NIP"), applicant.nip))
    if applicant.address:
        facts.append((_("Adres"), applicant.address))
    if filed.mandate is not None:
        mandate = filed.mandate
        until = mandate.valid_until.strftime("%d.%m.%Y") if mandate.valid_until else "—"
        facts.append((_("Złożył pełnomocnik"), mandate.representative))
        facts.append((_("Upoważnienie"), _("%(scope)s, ważne od %(start)s do %(end)s") % {
            "scope": mandate.scope_label,
            "start": mandate.valid_from.strftime("%d.%m.%Y"),
            "end": until,
        }))  # fmt: skip
    return facts


def _closing(pdf: FPDF, filed: FiledApplication) -> None:
    """The fee, the login and the digest."""
    pdf.ln(4)
    if filed.fee is not None:
        fee = format_pln(filed.fee)
        write_facts(pdf, [(filed.fee_title or _("Opłata"), fee)], label_width=LABEL_WIDTH)
    write_line(pdf, _("Złożenie wniosku"), 12, "B", 8)
    submitted = when(filed.submitted_at) if filed.submitted_at else _("czeka na opłatę")
    facts = [(_("Złożono"), submitted)]
    login = filed.login
    if login is not None:
        facts += [
            (_("Uwierzytelnienie"), _("login.gov.pl, poziom %(level)s") % {
                "level": level_of_assurance(login.level_of_assurance)}),
            (_("Czas uwierzytelnienia"), instant(login.authenticated_at)),
            (_("Identyfikator asercji"), login.assertion_id),
        ]  # fmt: skip
    write_facts(pdf, facts, label_width=LABEL_WIDTH)
    write_line(pdf, _("Skrót SHA-256 wniosku"), 10, "B", 7)
    write_line(pdf, filed.digest, 9, height=5)
    pdf.ln(3)
    write_line(
        pdf,
        _(
            "Wydruk wniosku złożonego w e-Urzędzie. Wnioskiem jest jego postać elektroniczna "
            "(XML i JSON); skrót SHA-256 pozwala sprawdzić, że nie została zmieniona."
        ),
        8,
        height=5,
    )


def as_pdf(submission: Submission, definition: Definition) -> bytes:
    """The filled form of ``submission`` as a PDF, in the current town's schema."""
    filed = filed_application(submission, definition)
    town = filed.town
    title = _localised(filed.form_name, filed.form_name_en)
    pdf = polish_pdf(title, town.official_name)
    address = ", ".join(part for part in (town.office, town.address) if part)
    write_header(pdf, town.official_name, title, address=address, arms=coat_of_arms())
    facts = [(_("Numer wniosku"), filed.reference), *_applicant_facts(filed)]
    write_facts(pdf, facts, label_width=LABEL_WIDTH)
    for section in filed.sections:
        _section(pdf, section)
    _closing(pdf, filed)
    return bytes(pdf.output())
