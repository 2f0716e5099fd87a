"""Export of online payments for the town's finance system: one line per settled
installment (plus what was left unallocated), stable order, full Party identifier."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.management import call_command
from django_tenants.utils import schema_context

from eurzad.finance.exports import write_payments_csv
from eurzad.finance.services import Target, book_payment
from eurzad.parties.models import Party
from tests.finance.import_factories import natural_party, nip, obligation

HEADER = (
    "external_id;source;booked_on;party_id;party_id_type;amount;obligation_external_id;"
    "installment_number;allocated_amount;allocated_interest;title"
)


def _books():  # type: ignore[no-untyped-def]
    person = natural_party()
    firm = Party.objects.create(kind="legal", name="Tartak", nip=nip(), external_id="K-77")
    own = obligation(person, external_id="EXP-A", installments=[
        (date(2030, 3, 15), "100.00"), (date(2030, 5, 15), "100.00"),
    ])  # fmt: skip
    firms = obligation(firm, external_id="EXP-B", installments=[(date(2030, 3, 15), "80.00")])
    first, second = own.installments.order_by("number")
    book_payment(
        party=person, amount=Decimal("150.00"), channel="online", source="p24",
        external_id="TX-2", booked_on=date(2030, 3, 10),
        targets=[Target(first.pk), Target(second.pk)], title="Podatek 2030",
    )  # fmt: skip
    book_payment(
        party=firm, amount=Decimal("100.00"), channel="online", source="p24",
        external_id="TX-1", booked_on=date(2030, 3, 10), obligation=firms, title="Tartak",
    )  # fmt: skip
    book_payment(  # not online: the finance system has it already
        party=person, amount=Decimal("50.00"), channel="transfer", source="bank",
        external_id="BANK-1", booked_on=date(2030, 3, 11), obligation=own,
    )  # fmt: skip
    book_payment(  # outside the period
        party=firm, amount=Decimal("5.00"), channel="online", source="p24",
        external_id="TX-OLD", booked_on=date(2030, 2, 27),
    )  # fmt: skip
    return person


def test_export_lists_online_payments_per_settled_installment(towns):
    with schema_context("glogow"):
        person = _books()
        out = io.StringIO()
        count = write_payments_csv(out, date(2030, 3, 1), date(2030, 3, 31))
    assert count == 2
    assert out.getvalue().splitlines() == [
        HEADER,
        "TX-1;p24;2030-03-10;K-77;external_id;100.00;EXP-B;1;80.00;0.00;Tartak",
        "TX-1;p24;2030-03-10;K-77;external_id;100.00;EXP-B;;20.00;0.00;Tartak",  # overpayment
        f"TX-2;p24;2030-03-10;{person.pesel};pesel;150.00;EXP-A;1;100.00;0.00;Podatek 2030",
        f"TX-2;p24;2030-03-10;{person.pesel};pesel;150.00;EXP-A;2;50.00;0.00;Podatek 2030",
    ]


def test_an_overdue_installment_is_exported_with_its_interest_apart(towns):
    with schema_context("glogow"):
        person = natural_party()
        late = obligation(
            person, external_id="EXP-L", installments=[(date(2030, 1, 15), "2000.00")]
        )
        # 16.01-10.03.2030: 54 days at 10,5 %: 2000 x 0,105 x 54/365 = 31,0685 -> 31 zł.
        book_payment(
            party=person, amount=Decimal("2031.00"), channel="online", source="p24",
            external_id="TX-L", booked_on=date(2030, 3, 10), obligation=late,
        )  # fmt: skip
        out = io.StringIO()
        write_payments_csv(out, date(2030, 3, 10), date(2030, 3, 10))
    assert out.getvalue().splitlines()[1:] == [
        f"TX-L;p24;2030-03-10;{person.pesel};pesel;2031.00;EXP-L;1;2000.00;31.00;",
    ]


def test_export_command_writes_a_file_with_decimal_commas(towns, tmp_path):
    target = tmp_path / "wplaty.csv"
    with schema_context("glogow"):
        _books()
    call_command(
        "export_payments", "--town", "glogow", "--since", "2030-03-01", "--output", str(target),
        "--decimal-comma", stderr=io.StringIO(),
    )  # fmt: skip
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER
    assert lines[1] == "TX-1;p24;2030-03-10;K-77;external_id;100,00;EXP-B;1;80,00;0,00;Tartak"
    assert not any("BANK-1" in line or "TX-OLD" in line for line in lines)


def test_export_of_one_town_never_contains_anothers_payments(towns):
    with schema_context("glogow"):
        _books()
    out = io.StringIO()
    call_command("export_payments", "--town", "zembrzyce", "--since", "2030-01-01", stdout=out)
    assert "TX-1" not in out.getvalue() and "TX-2" not in out.getvalue()
