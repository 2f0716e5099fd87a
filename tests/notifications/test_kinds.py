"""Every kind of notification renders its subject, body and push text in Polish and, for
a resident who chose English, in English."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import get_template
from django_tenants.utils import schema_context

from cms.models import Alert
from eurzad.cases.models import CaseDocument, CaseStatus
from eurzad.finance.gateways.models import PaymentIntent
from eurzad.identity.models import AccessRequest, Representation, Resident
from eurzad.notifications.kinds import KINDS
from eurzad.notifications.services import render
from eurzad.parties.models import Party
from tests.cases import factories as c
from tests.finance import factories as f

WARSAW = ZoneInfo("Europe/Warsaw")


def _installment():  # type: ignore[no-untyped-def]
    debt = f.obligation(
        "zembrzyce",
        f.party("zembrzyce"),
        year=2030,
        installments=[(date(2030, 3, 16), "120.00")],  # a Saturday: the term moves on
    )
    with schema_context("zembrzyce"):
        return debt.installments.select_related("obligation__kind", "obligation__party").get()


def _case_context(direction: str = CaseDocument.Direction.OUTGOING) -> dict:
    case = c.case("zembrzyce", f.party("zembrzyce"))
    with schema_context("zembrzyce"):
        status = CaseStatus.objects.get(code="wezwanie")
    document = CaseDocument(direction=direction, title="Decyzja o podatku")
    return {"case": case, "status": status, "document": document, "link": "/konto/sprawy/1/"}


def _access_request() -> AccessRequest:
    return AccessRequest(
        reference="WD/2030/00042",
        due_on=date(2030, 3, 20),
        rejection_reason="Brak pełnomocnictwa.",
    )


# kind → (context builder, Polish words expected, English words expected)
def _representative():  # type: ignore[no-untyped-def]
    user = get_user_model()(first_name="Anna", last_name="Nowak", username="anna")
    return Resident(user=user)


def _mandate() -> dict:
    mandate = Representation(
        resident=_representative(),
        scope=Representation.Scope.PAY,
        valid_from=date(2030, 3, 1),
        valid_until=date(2031, 2, 28),
    )
    return {"representation": mandate}


EXPECTED = {
    "mandate_granted": (
        _mandate,
        ["Anna Nowak może działać w Twoim imieniu", "od 01.03.2030 do 28.02.2031"],
        ["Anna Nowak may act in your name", "from 01.03.2030 to 28.02.2031"],
    ),
    "acted_for": (
        lambda: {"representative": "Anna Nowak", "day": date(2030, 3, 5)},
        ["Anna Nowak przegląda Twoje dane", "05.03.2030 Anna Nowak otworzył(a)"],
        ["Anna Nowak is viewing your data", "On 05.03.2030 Anna Nowak opened"],
    ),
    "paid_for": (
        lambda: {
            "intent": PaymentIntent(
                gateway="przelewy24", amount=Decimal("200.50"), resident=_representative()
            ),
            "link": "/konto/wplaty/",
        },
        ["Anna Nowak zapłacił(a) za Ciebie 200,50\u00a0zł", "przez bramkę Przelewy24"],
        ["Anna Nowak paid 200,50\u00a0zł for you", "through Przelewy24"],
    ),
    "installment_due": (
        lambda: {"installment": _installment(), "link": "/konto/zobowiazania/1/"},
        [
            "Przypomnienie: rata 1",
            "termin 16.03.2030 (dzień wolny: termin upływa 18.03.2030)",
            "Pozostało do zapłaty: 120,00\u00a0zł",
        ],
        [
            "Reminder: instalment 1",
            "(non-working day: the deadline moves to 18.03.2030)",
            "Remaining to pay: 120,00\u00a0zł",
        ],
    ),
    "installment_overdue": (
        lambda: {"installment": _installment(), "link": "/konto/zobowiazania/1/"},
        ["Zaległość: rata 1", "nie została zapłacona w terminie", "odsetki za zwłokę"],
        ["Arrears: instalment 1", "was not paid on time", "Late-payment interest"],
    ),
    "payment_confirmed": (
        lambda: {"intent": PaymentIntent(gateway="przelewy24", amount=Decimal("200.50"))},
        ["Wpłata 200,50\u00a0zł przyjęta", "Bramka Przelewy24 potwierdziła Twoją wpłatę"],
        ["Payment of 200,50\u00a0zł received", "Przelewy24 confirmed your payment"],
    ),
    "case_status_changed": (
        _case_context,
        ["Zmiana statusu sprawy TST.", "ma nowy status: "],
        ["Status change in case TST.", "has a new status: "],
    ),
    "case_letter": (
        _case_context,
        ["Nowe pismo w sprawie TST.", "Urząd wysłał pismo „Decyzja o podatku”"],
        ["New letter in case TST.", "The office has sent the letter “Decyzja o podatku”"],
    ),
    "case_reply_received": (
        lambda: {
            **_case_context(CaseDocument.Direction.INCOMING),
            "party": Party(kind=Party.Kind.LEGAL, name="Tartak Sp. z o.o."),
            "attachments": 2,
            "link": "/admin/cases/case/edit/1/",
        },
        [
            "Odpowiedź strony w sprawie TST.",
            "Strona Tartak Sp. z o.o. odpowiedziała urzędowi",
            "Załączniki: 2.",
        ],
        [
            "A party's reply in case TST.",
            "The party Tartak Sp. z o.o. has replied",
            "Attachments: 2.",
        ],
    ),
    "alert_published": (
        lambda: {
            "alert": Alert(
                title="Burze z gradem",
                message="Zabezpiecz rzeczy na balkonie.",
                severity=Alert.Severity.WARNING,
                area="cała gmina",
                valid_until=datetime(2030, 6, 2, 18, 0, tzinfo=WARSAW),
            )
        },
        ["Ostrzeżenie: Burze z gradem", "Obszar: cała gmina", "Obowiązuje do: 02.06.2030"],
        ["Warning: Burze z gradem", "Area: cała gmina", "Valid until: 02.06.2030"],
    ),
    "access_request_received": (
        lambda: {"access_request": _access_request()},
        ["Przyjęliśmy Twój wniosek o dostęp WD/2030/00042", "rozpatrzy wniosek do 20.03.2030"],
        ["We have received your access request WD/2030/00042", "decide on your request by 20.03"],
    ),
    "access_request_approved": (
        lambda: {"access_request": _access_request(), "granted": 2, "link": "/logowanie/"},
        ["Twój wniosek o dostęp WD/2030/00042 został zatwierdzony", "upoważnienia: 2."],
        ["Your access request WD/2030/00042 has been approved", "Authorisations granted: 2."],
    ),
    "access_request_rejected": (
        lambda: {"access_request": _access_request()},
        ["Wniosek o dostęp WD/2030/00042 nie został uwzględniony", "Uzasadnienie: Brak"],
        ["Your access request WD/2030/00042 has been rejected", "Reason: Brak pełnomocnictwa."],
    ),
    "demo_welcome": (
        dict,
        ["Witaj w koncie demonstracyjnym", "dane są przykładowe"],
        ["Welcome to the demo account", "the data are samples"],
    ),
}


def test_every_registered_kind_has_its_three_templates_and_a_test():
    assert set(EXPECTED) == set(KINDS)
    for name in KINDS:
        for part in ("subject", "body", "push"):  # in the templates of the declaring app
            get_template(KINDS[name].template(part))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_kind_renders_in_polish_and_in_english(towns, name):
    build, polish, english = EXPECTED[name]
    context = build()
    with schema_context("zembrzyce"):
        in_polish = render(name, context)
        in_english = render(name, context, "en")
    for rendered in (in_polish, in_english):
        assert rendered.subject and rendered.body and rendered.push
        assert "\n" not in rendered.subject and "\n" not in rendered.push
        assert "{" not in rendered.subject + rendered.body + rendered.push
    polish_text = f"{in_polish.subject}\n{in_polish.body}"
    english_text = f"{in_english.subject}\n{in_english.body}"
    for words in polish:
        assert words in polish_text, (words, polish_text)
    for words in english:
        assert words in english_text, (words, english_text)
    assert in_english.subject != in_polish.subject
    if name != "alert_published":  # an alert's push is the town's own (Polish) message
        assert in_english.push != in_polish.push


def test_text_is_plain_not_html_escaped(towns):
    context = _case_context(CaseDocument.Direction.INCOMING)
    context["document"].title = 'Odwołanie "pilne" & <ważne>'
    rendered = render("case_letter", context)
    assert rendered.subject.startswith("Urząd otrzymał pismo w sprawie")
    assert 'wpłynęło pismo „Odwołanie "pilne" & <ważne>”' in rendered.body


def test_an_app_plugs_its_own_kind_in_without_editing_notifications():
    from eurzad.notifications.kinds import Kind, configurable_kinds, register

    own = Kind("test_app_reminder", "Przypomnienie aplikacji testowej", position=45)
    try:
        register(own)
        register(own)  # registering the same kind again changes nothing
        names = [kind.name for kind in configurable_kinds()]
        assert names.index("case_status_changed") < names.index("test_app_reminder")
        assert names.index("test_app_reminder") < names.index("case_letter")
        with pytest.raises(ValueError, match="already registered"):
            register(Kind("test_app_reminder", "Inna etykieta"))
    finally:
        KINDS.pop("test_app_reminder", None)
