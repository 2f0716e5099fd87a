"""The copies of a filed application: JSON and XML that say the same and let anyone
compute its digest again (the XML valid against our XSD), and the filled form as a PDF
in Polish."""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context
from lxml import etree
from pypdf import PdfReader

from eurzad.eservices.attachments import attach
from eurzad.eservices.documents import NAMESPACE, XSD, as_json, as_xml
from eurzad.eservices.filed import NotFiled
from eurzad.eservices.models import Submission, definition_of
from eurzad.eservices.printout import as_pdf
from eurzad.eservices.services import save_answers, start, submit
from tests.eservices.filing import LOGIN, PESEL, REPORT, filed, jan
from tests.eservices.forms import published
from tests.eservices.waste import field, step
from tests.finance import factories as f

W = f"{{{NAMESPACE}}}"
SCHEMA = etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture
def form(towns):
    return published("zembrzyce")


@pytest.fixture
def resident(towns):
    return jan()


def _copies(submission: Submission) -> tuple[dict[str, Any], etree._Element]:
    with schema_context("zembrzyce"):
        definition = definition_of(submission.revision)
        document = json.loads(as_json(submission, definition))
        xml = as_xml(submission, definition)
    root = etree.fromstring(xml)
    SCHEMA.assertValid(root)
    return document, root


def _sha256_of_canonical_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _answers_from_xml(fields: list[etree._Element]) -> dict[str, Any]:
    """The answers document as docs/developers/eservices-documents.md says to read it."""
    answers: dict[str, Any] = {}
    for each in fields:
        key, kind = each.get("klucz"), each.get("rodzaj")
        if kind == "group":
            rows = each.findall(f"{W}Pozycja")
            answers[key] = [_answers_from_xml(row.findall(f"{W}Pole")) for row in rows]
        elif kind == "file":
            answers[key] = [_attachment(item) for item in each.findall(f"{W}Zalacznik")]
        else:
            value = each.find(f"{W}Wartosc")
            answers[key] = json.loads(value.text) if value.get("typ") else (value.text or "")
    return answers


def _attachment(item: etree._Element) -> Any:
    name = item.findtext(f"{W}Nazwa")
    if item.find(f"{W}Rozmiar") is None and item.find(f"{W}SHA256") is None:
        return name
    size = item.findtext(f"{W}Rozmiar")
    return {"name": name, "size": int(size) if size else None,
            "sha256": item.findtext(f"{W}SHA256") or ""}  # fmt: skip


def _digest_from_xml(root: etree._Element) -> str:
    applicant = root.find(f"{W}Wnioskodawca")
    party = applicant.findtext(f"{W}PESEL") or applicant.findtext(f"{W}NIP") or ""
    fields = root.findall(f"{W}Tresc/{W}Krok/{W}Pole")
    return _sha256_of_canonical_json({
        "form": root.findtext(f"{W}Formularz/{W}Identyfikator"),
        "revision": int(root.findtext(f"{W}Formularz/{W}Wersja")),
        "party": party,
        "answers": _answers_from_xml(fields),
    })  # fmt: skip


def _answer(document: dict[str, Any], key: str) -> dict[str, Any]:
    return next(a for step in document["steps"] for a in step["answers"] if a["key"] == key)


def test_anyone_computes_the_digest_again_from_the_json_copy_alone(form, resident):
    submission = filed(form, resident)
    document, _root = _copies(submission)
    assert document["digest"] == {"algorithm": "SHA-256", "value": submission.digest}
    assert _sha256_of_canonical_json(document["filed"]) == submission.digest
    # What the digest covers is what the copy says elsewhere.
    assert document["filed"]["form"] == document["form"]["slug"] == "deklaracja-odpady"
    assert document["filed"]["revision"] == document["form"]["revision"]
    assert document["filed"]["party"] == document["applicant"]["pesel"] == PESEL


def test_the_json_copy_names_the_town_the_applicant_the_login_and_every_answer(form, resident):
    submission = filed(form, resident)
    document, _root = _copies(submission)
    assert document["reference"] == submission.reference
    assert document["town"]["official_name"] == "Gmina Zembrzyce"
    assert document["town"]["teryt"] == "1215092"
    assert document["town"]["office"] == "Urząd Gminy Zembrzyce"
    assert document["applicant"]["name"] == "Jan Kowalski" and not document["anonymous"]
    assert document["applicant"]["address"]["postal_code"] == "34-210"
    assert document["mandate"] is None
    assert document["authentication"] == {
        "assertion_id": "_a1b2c3",
        "level_of_assurance": "http://eidas.europa.eu/LoA/substantial",
        "authenticated_at": "2026-12-07T09:15:00Z",
    }
    assert document["submitted_at"].endswith(("+01:00", "+02:00"))  # Polish time
    assert [s["title"] for s in document["steps"]] == [
        "Składający", "Nieruchomość i opłata", "Oświadczenie"
    ]  # fmt: skip
    assert _answer(document, "metoda") == {
        "key": "metoda", "label": "Sposób naliczenia", "kind": "choice", "value": "osoby",
        "value_label": "od liczby mieszkańców",
    }  # fmt: skip
    assert _answer(document, "osoby")["value"] == 3
    assert _answer(document, "oswiadczenie")["value"] is True
    assert _answer(document, "oplata")["value"] == "90.00"  # 3 × 32,00 − 3 × 2,00
    rows = _answer(document, "mieszkancy")["rows"]
    assert [[(a["label"], a["value"]) for a in row] for row in rows] == [
        [("Imię", "Jan"), ("PESEL", PESEL)], [("Imię", "Zofia")]
    ]  # fmt: skip
    assert "woda_m3" not in json.dumps(document["steps"])  # hidden: not filed, not listed


def test_the_xml_copy_is_valid_and_its_digest_can_be_computed_again_from_it(form, resident):
    submission = filed(form, resident)
    _document, root = _copies(submission)  # valid against xsd/wniosek.xsd
    assert root.tag == f"{W}Wniosek"
    assert root.findtext(f"{W}Numer") == submission.reference
    assert root.findtext(f"{W}Urzad/{W}Gmina") == "Gmina Zembrzyce"
    assert root.findtext(f"{W}Wnioskodawca/{W}PESEL") == PESEL
    assert root.findtext(f"{W}Uwierzytelnienie/{W}IdentyfikatorAsercji") == "_a1b2c3"
    choice = root.find(f"{W}Tresc/{W}Krok/{W}Pole[@klucz='metoda']/{W}Wartosc")
    assert (choice.text, choice.get("etykieta")) == ("osoby", "od liczby mieszkańców")
    rows = root.findall(f".//{W}Pole[@klucz='mieszkancy']/{W}Pozycja")
    assert [row.findtext(f"{W}Pole/{W}Wartosc") for row in rows] == ["Jan", "Zofia"]
    assert root.findtext(f"{W}Skrot") == submission.digest
    assert _digest_from_xml(root) == submission.digest


def test_the_same_application_gives_the_same_bytes(form, resident):
    submission = filed(form, resident)
    with schema_context("zembrzyce"):
        definition = definition_of(submission.revision)
        assert as_xml(submission, definition) == as_xml(submission, definition)
        assert as_json(submission, definition) == as_json(submission, definition)


def test_filed_by_a_representative_the_copies_name_the_firm_and_the_mandate(form, resident):
    firm = f.party("zembrzyce", kind="legal", name="Stolarnia Sp. z o.o.", nip="5260250274")
    f.mandate("zembrzyce", resident, firm, scope="file")
    submission = filed(form, resident, firm, imie_nazwisko="Stolarnia Sp. z o.o.", pesel=PESEL)
    document, root = _copies(submission)
    assert document["applicant"]["nip"] == "5260250274" == document["filed"]["party"]
    assert document["mandate"]["representative"] == "Jan Kowalski"
    assert document["mandate"]["pesel"] == PESEL and document["mandate"]["scope"] == "file"
    assert root.findtext(f"{W}Pelnomocnik/{W}Nazwa") == "Jan Kowalski"
    assert _digest_from_xml(root) == submission.digest


PHOTO = b"\xff\xd8\xff\xe0" + b"x" * 500


def test_an_anonymous_report_has_no_applicant_and_lists_its_attachments(towns):
    form = published("zembrzyce", REPORT, anonymous=True)
    with schema_context("zembrzyce"):
        draft = start(form, None, None)
        spec = definition_of(draft.revision).field("zdjecie")
        stored = attach(draft, spec, SimpleUploadedFile("latarnia.jpg", PHOTO))
        answers = {"miejsce": "ul. Kościelna 3", "zdjecie": [stored.token], "zgoda": "on"}
        assert save_answers(draft, answers).errors == {}
        submit(draft, None)
        submission = Submission.objects.get(pk=draft.pk)
        # No case: the report keeps its own documents, for the office.
        kept = set(submission.files.values_list("kind", flat=True))
    assert {"form_pdf", "form_xml", "form_json", "receipt_xml", "receipt_pdf"} <= kept
    document, root = _copies(submission)
    assert document["anonymous"] and document["applicant"] is None
    assert document["authentication"] is None and document["filed"]["party"] == ""
    assert root.find(f"{W}Wnioskodawca/{W}Anonimowo") is not None
    # Each file by its name, size and SHA-256: the digest covers the file's content.
    photo = {
        "name": "latarnia.jpg",
        "size": len(PHOTO),
        "sha256": hashlib.sha256(PHOTO).hexdigest(),
    }
    assert _answer(document, "zdjecie")["attachments"] == [photo]
    assert root.findtext(f".//{W}Zalacznik/{W}Rozmiar") == str(len(PHOTO))
    assert _sha256_of_canonical_json(document["filed"]) == submission.digest
    assert _digest_from_xml(root) == submission.digest


def test_a_draft_has_no_copies(form, resident):
    with schema_context("zembrzyce"):
        draft = start(form, resident.party, resident)
        with pytest.raises(NotFiled):
            as_xml(draft, definition_of(draft.revision))


def test_the_pdf_shows_the_filled_form_in_polish_with_the_digest(form, resident):
    submission = filed(form, resident)
    with schema_context("zembrzyce"):
        pdf = as_pdf(submission, definition_of(submission.revision))
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert submission.reference in text
    assert "Oświadczam, że dane są zgodne z prawdą" in text
    assert "Jan Kowalski" in text and PESEL in text
    assert "Urząd Gminy Zembrzyce" in text
    assert "od liczby mieszkańców" in text and "Zofia" in text
    assert "90,00" in text  # the computed monthly fee
    assert "poziom znaczny" in text  # the login's level of assurance
    assert "07.12.2026 10:15:00" in text  # when login.gov.pl authenticated Jan, Polish time
    assert submission.digest in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in name for name in fonts)  # embedded, with Polish glyphs


def test_with_a_fee_awaited_the_copies_carry_the_fee_and_no_filing_time(towns):
    certificate = [step(
        field("text", "cel", "Cel wydania zaświadczenia", required=True),
        field("computed", "oplata_skarbowa", "Opłata skarbowa", formula="17", money=True),
    )]  # fmt: skip
    form = published("zembrzyce", certificate, fee_field="oplata_skarbowa",
                     fee_title="Opłata skarbowa za zaświadczenie")  # fmt: skip
    with schema_context("zembrzyce"):
        resident = jan()
        draft = start(form, resident.party, resident)
        save_answers(draft, {"cel": "przetarg"})
        submit(draft, LOGIN)
        submission = Submission.objects.get(pk=draft.pk)
        pdf = as_pdf(submission, definition_of(submission.revision))
    assert submission.state == Submission.State.AWAITING_PAYMENT
    document, root = _copies(submission)
    assert document["fee"] == {"amount": "17.00", "title": "Opłata skarbowa za zaświadczenie"}
    assert document["submitted_at"] is None and root.find(f"{W}DataZlozenia") is None
    assert root.findtext(f"{W}Oplata") == "17.00"
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Opłata skarbowa za zaświadczenie 17,00 zł" in text and "czeka na opłatę" in text
