"""The transfer QR code (ZBP "Standard 2D") and the payment confirmation PDF."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
import segno
from django.utils import timezone
from pypdf import PdfReader

from eurzad.demo.finance import nrb, sorting_code
from eurzad.finance.models import Payment
from eurzad.finance.pdf import receipt_pdf
from eurzad.finance.qr import AmountTooLarge, transfer_payload, transfer_qr_code, transfer_qr_svg
from eurzad.finance.queries import Receipt, ReceiptLine
from eurzad.parties.identifiers import validate_nrb

ACCOUNT = "PL61 1090 1014 0000 0712 1981 2874"


def _payload(**kwargs: object) -> str:
    values: dict[str, object] = {
        "account": ACCOUNT,
        "amount": Decimal("123.45"),
        "recipient": "Urząd Gminy Zembrzyce",
        "title": "Podatek od nieruchomości 2026 – rata 1",
    }
    values.update(kwargs)
    return transfer_payload(**values)  # type: ignore[arg-type]


def test_payload_has_the_standard_2d_fields_in_order():
    assert _payload(nip="5512345678") == (
        "5512345678|PL|61109010140000071219812874|012345|Urząd Gminy Zembrzy"
        "|Podatek od nieruchomości 2026 r|||"
    )


# The examples of the recommendation (ZBP, "Standard 2D", 2013-12-03), as reproduced by
# public reference encoders' tests: known answers, independent of our reading.
@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"nip": "1234567890", "amount": "12.00", "title": "FV 1234/34/2012"},
            "1234567890|PL|92124012340001567890123456|001200|Odbiorca 1|FV 1234/34/2012|||",
        ),
        (
            {"nip": "1234567890", "amount": "0", "title": "FV 1234/34/2012"},
            "1234567890|PL|92124012340001567890123456|000000|Odbiorca 1|FV 1234/34/2012|||",
        ),
        (
            {"nip": "", "amount": "12.00", "title": "Przelew ekspress"},
            "|PL|92124012340001567890123456|001200|Odbiorca 1|Przelew ekspress|||",
        ),
    ],
    ids=["type-1-fixed-amount", "type-1-amount-typed-by-payer", "type-2"],
)
def test_the_recommendations_examples(fields, expected):
    payload = transfer_payload(
        account="92124012340001567890123456",
        amount=Decimal(fields["amount"]),
        recipient="Odbiorca 1",
        title=fields["title"],
        nip=fields["nip"],
    )
    assert payload == expected


def test_payload_without_a_nip_leaves_the_first_field_empty():
    fields = _payload().split("|")
    assert len(fields) == 9
    assert fields[0] == "" and fields[1] == "PL" and fields[6:] == ["", "", ""]


@pytest.mark.parametrize(
    ("amount", "field"),
    [
        ("5", "000500"),
        ("0.07", "000007"),
        ("1234.5", "123450"),
        ("9999.99", "999999"),
        ("10.005", "001001"),  # rounded half up to grosze
    ],
)
def test_amount_is_six_digits_of_grosze(amount, field):
    assert _payload(amount=Decimal(amount)).split("|")[3] == field


def test_amount_beyond_six_digits_is_refused():
    with pytest.raises(AmountTooLarge):
        _payload(amount=Decimal("10000.00"))


def test_name_and_title_fit_20_and_32_both_in_characters_and_in_utf8_bytes():
    """The recommendation counts characters; reference encoders cut bytes. Both hold, and
    a Polish letter is never cut in half."""
    fields = _payload(
        recipient="Urząd Miejski w Głogowie", title="Opłata za gospodarowanie odpadami 2026"
    ).split("|")
    assert fields[4] == "Urząd Miejski w Gł"
    assert len(fields[4].encode()) == 20
    assert fields[5] == "Opłata za gospodarowanie odpada"
    assert len(fields[5].encode()) == 32
    plain = _payload(recipient="Gmina Zembrzyce Urzad", title="Oplata za odpady 2026 rata 1 z 4")
    assert plain.split("|")[4:6] == ["Gmina Zembrzyce Urza", "Oplata za odpady 2026 rata 1 z 4"]
    only_polish = _payload(title="ąęśćżźńół" * 5).split("|")[5]
    assert only_polish == "ąęśćżźńółąęśćżźń" and len(only_polish.encode()) == 32


def test_the_separator_and_characters_banks_refuse_are_dropped():
    fields = _payload(recipient="Gmina | Test", title="Rata 1|2  (zaległa) \n ok").split("|")
    assert len(fields) == 9
    assert fields[4] == "Gmina Test"
    assert fields[5] == "Rata 12 zaległa ok"


def test_invalid_account_or_nip_is_refused():
    with pytest.raises(ValueError):
        _payload(account="1234")
    with pytest.raises(ValueError):
        _payload(nip="123")


def test_qr_code_is_utf8_bytes_with_error_correction_l():
    payload = _payload()
    code = transfer_qr_code(payload)
    assert code.error == "L" and code.mode == "byte" and not code.is_micro
    same = segno.make(payload.encode("utf-8"), error="l", boost_error=False, mode="byte")
    assert code.matrix == same.matrix  # UTF-8, no ECI header
    svg = transfer_qr_svg(payload)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")


def test_demo_account_numbers_pass_the_banks_checks():
    assert sorting_code("1090101") == "10901014"  # the branch of a published example NRB
    assert nrb("0000071219812874", branch="1090101") == "61109010140000071219812874"
    validate_nrb(nrb("0000123400010001"))


# The confirmation PDF


def _receipt(amount: str = "1234.50") -> Receipt:
    payment = Payment(
        pk=42,
        booked_on=date(2026, 3, 12),
        amount=Decimal(amount),
        channel="online",
        title="Podatek od nieruchomości – rata 1",
        source="przelewy24",
        external_id="P24-ŻÓŁW-1",
    )
    return Receipt(
        town="Gmina Zembrzyce",
        office_address="Urząd Gminy Zembrzyce, Zembrzyce 1, 34-210 Zembrzyce",
        party_name="Zażółć Gęśląjaźń",
        party_identifier="PESEL *******4764",
        party_address="ul. Źródlana 5, 34-210 Zembrzyce",
        payment=payment,
        channel="płatność internetowa",
        lines=[
            ReceiptLine(
                "Podatek od nieruchomości 2026 – rata 1", date(2026, 3, 15), Decimal("1000.00")
            ),
            ReceiptLine(
                "Opłata za gospodarowanie odpadami 2026 – rata 1",
                date(2026, 3, 15),
                Decimal("34.50"),
            ),
        ],
        overpayment=Decimal("200.00"),
        generated_at=timezone.make_aware(datetime(2026, 3, 13, 9, 30)),
    )


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").split())


def test_receipt_is_a_pdf_with_polish_text_and_the_amount():
    pdf = receipt_pdf(_receipt())
    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    for expected in (
        "Gmina Zembrzyce",
        "Potwierdzenie wpłaty",
        "Zażółć Gęśląjaźń",
        "PESEL *******4764",
        "12.03.2026",
        "1 234,50 zł",
        "płatność internetowa",
        "P24-ŻÓŁW-1",
        "Podatek od nieruchomości 2026 – rata 1",
        "34,50 zł",
        "Nadpłata: 200,00 zł",
        "13.03.2026",
    ):
        assert expected in text, expected


def test_receipt_without_allocations_says_so():
    receipt = _receipt()
    receipt = Receipt(**{**receipt.__dict__, "lines": [], "overpayment": Decimal("0.00")})
    text = _text(receipt_pdf(receipt))
    assert "nie została jeszcze rozliczona" in text


def test_the_transfer_title_keeps_the_year_within_32_bytes():
    from eurzad.finance.models import Obligation, ObligationKind
    from eurzad.finance.queries import transfer_title

    kind = ObligationKind(name="Opłata za gospodarowanie odpadami komunalnymi")
    title = transfer_title(Obligation(kind=kind, year=2026))
    assert title == "Opłata za gospodarowanie 2026"
    assert len(title.encode()) <= 32
    assert _payload(title=title).split("|")[5] == title
