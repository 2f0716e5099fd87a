"""Sample cases for Jan Kowalski in each demo town: one waiting for him (a call to
complete his application, with the letter to download), one closed; and one letter of the
office that ``run_demo`` sends him through the e-Doręczenia simulator once it runs (his
address for electronic delivery is set here), so its evidence shows in the case.

Safe to run again: cases have source "demo" and stable external ids; history and letters
are written only when the case is first created. Nobody is notified (demo data).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from eurzad.cases.defaults import ensure_default_statuses, set_up_cases_group
from eurzad.cases.letters import dispatch_letter
from eurzad.cases.models import Case, CaseDocument, CaseStatus, CaseStatusChange, LetterDelivery
from eurzad.core.postgresql.connection import connection
from eurzad.parties.models import Party

SOURCE = "demo"
JAN_PESEL = "44051401359"
JAN_ADE_ADDRESS = "AE:PL-44051-40135-KOWAL-01"
SENT_LETTER_TITLE = "Zawiadomienie o przedłużeniu terminu załatwienia sprawy"


def _history(case: Case, steps: list[tuple[str, int]]) -> None:
    now = timezone.now()
    for code, days_ago in steps:
        CaseStatusChange.objects.create(
            case=case,
            status=CaseStatus.objects.get(code=code),
            changed_at=now - timedelta(days=days_ago),
        )


def ensure_demo_cases() -> None:
    """Jan Kowalski's two demo cases in the current town (when the town knows him)."""
    ensure_default_statuses()
    set_up_cases_group()
    party = Party.objects.filter(pesel=JAN_PESEL).first()
    if party is None:
        return
    if not party.ade_address:
        party.ade_address = JAN_ADE_ADDRESS
        party.save(update_fields=["ade_address", "updated_at"])
    town = connection.schema_name
    prefix = "GK" if town == "glogow" else "RG"
    today = timezone.localdate()
    year = today.year
    waiting, created = Case.objects.get_or_create(
        source=SOURCE,
        external_id=f"{town}-jan-1",
        defaults={
            "sign": f"{prefix}.6733.14.{year}",
            "jrwa_symbol": "6733",
            "subject": "Ustalenie lokalizacji inwestycji celu publicznego – przyłącze wodociągowe",
            "party": party,
            "department": "Referat Gospodarki Komunalnej",
            "officer_name": "Ewa Malinowska",
            "officer_contact": "tel. 33 876 54 21, pokój 12",
            "received_on": today - timedelta(days=20),
            "legal_deadline": today + timedelta(days=40),
            "expected_end": today + timedelta(days=30),
            "status": CaseStatus.objects.get(code="wezwanie"),
            "resident_action": "Prześlij mapę do celów projektowych w ciągu 7 dni od doręczenia "
            "wezwania.",
        },
    )
    if created:
        _history(waiting, [("zlozona", 20), ("w-toku", 18), ("wezwanie", 3)])
        CaseDocument.objects.create(
            case=waiting,
            direction=CaseDocument.Direction.INCOMING,
            title="Wniosek o ustalenie lokalizacji inwestycji celu publicznego",
            dated=today - timedelta(days=20),
            channel=CaseDocument.Channel.EPUAP,
            delivery=CaseDocument.Delivery.RECEIVED,
        )
        letter = CaseDocument(
            case=waiting,
            direction=CaseDocument.Direction.OUTGOING,
            title="Wezwanie do uzupełnienia wniosku",
            dated=today - timedelta(days=3),
            channel=CaseDocument.Channel.EDORECZENIA,
            delivery=CaseDocument.Delivery.DELIVERED,
        )
        letter.attachment.save(
            "wezwanie.txt",
            ContentFile(
                "Wezwanie do uzupełnienia wniosku (przykład). Prosimy o przesłanie mapy do "
                "celów projektowych.\n".encode()
            ),
            save=False,
        )
        letter.save()
    closed, created = Case.objects.get_or_create(
        source=SOURCE,
        external_id=f"{town}-jan-2",
        defaults={
            "sign": f"{prefix}.6220.3.{year - 1}",
            "jrwa_symbol": "6220",
            "subject": "Wydanie zaświadczenia o przeznaczeniu działki w planie miejscowym",
            "party": party,
            "department": "Referat Planowania Przestrzennego",
            "officer_name": "Piotr Zając",
            "officer_contact": "tel. 33 876 54 30",
            "received_on": today - timedelta(days=120),
            "legal_deadline": today - timedelta(days=113),
            "closed_on": today - timedelta(days=115),
            "status": CaseStatus.objects.get(code="zakonczona"),
        },
    )
    if created:
        _history(closed, [("zlozona", 120), ("w-toku", 119), ("zakonczona", 115)])
        CaseDocument.objects.create(
            case=closed,
            direction=CaseDocument.Direction.OUTGOING,
            title="Zaświadczenie o przeznaczeniu działki",
            dated=today - timedelta(days=115),
            channel=CaseDocument.Channel.PAPER,
            delivery=CaseDocument.Delivery.DELIVERED,
        )


def _letter_to_send(case: Case) -> CaseDocument:
    letter = CaseDocument.objects.filter(case=case, title=SENT_LETTER_TITLE).first()
    if letter is not None:
        return letter
    letter = CaseDocument(
        case=case,
        direction=CaseDocument.Direction.OUTGOING,
        title=SENT_LETTER_TITLE,
        dated=timezone.localdate(),
        channel=CaseDocument.Channel.EDORECZENIA,
    )
    letter.attachment.save(
        "zawiadomienie.txt",
        ContentFile(
            "Zawiadamiamy, że sprawa zostanie załatwiona do końca przyszłego miesiąca z "
            "powodu oczekiwania na uzgodnienia z zarządcą drogi (przykład).\n".encode()
        ),
        save=False,
    )
    letter.save()
    return letter


def send_demo_letters() -> list[LetterDelivery]:
    """Send Jan his letter in the current town (once; asking again changes nothing). Runs
    when the web server and the worker are up: the worker hands it to the simulator."""
    case = Case.objects.filter(source=SOURCE, external_id=f"{connection.schema_name}-jan-1").first()
    if case is None:
        return []
    return dispatch_letter(_letter_to_send(case))
