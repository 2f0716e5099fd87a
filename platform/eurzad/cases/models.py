"""Cases (sprawy) a Party has with the office, their status history and the letters and
documents exchanged both ways. The office's document management system (EZD) owns this
data and pushes it (CSV import, later the integration API): cases carry their source and
external id, so re-imports update instead of duplicating."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from eurzad.core.private_files.fields import PrivateFileField
from eurzad.core.private_files.storage import private_storage


class CaseStatus(models.Model):
    """A status a case can be in, configurable per town (złożona, w toku, wezwanie do
    uzupełnienia…). ``waiting_for_resident``: the office waits for the Party to act."""

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("nazwa"), max_length=120)
    waiting_for_resident = models.BooleanField(
        _("czeka na stronę"),
        default=False,
        help_text=_("Urząd czeka na działanie strony (np. uzupełnienie wniosku)."),
    )
    final = models.BooleanField(
        _("końcowy"), default=False, help_text=_("Sprawa jest zamknięta w tym statusie.")
    )
    resident_hint = models.CharField(
        _("co ma zrobić strona"),
        max_length=300,
        blank=True,
        help_text=_("Pokazywane mieszkańcowi przy sprawie w tym statusie."),
    )
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("status sprawy")
        verbose_name_plural = _("statusy spraw")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """One case (sprawa) conducted by the office, identified by its sign (znak sprawy,
    e.g. "GK.6730.12.2026" where 6730 is the JRWA symbol)."""

    sign = models.CharField(_("znak sprawy"), max_length=80)
    jrwa_symbol = models.CharField(_("symbol JRWA"), max_length=10, blank=True)
    subject = models.CharField(_("przedmiot sprawy"), max_length=300)
    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="cases", verbose_name=_("strona")
    )
    co_parties = models.ManyToManyField(
        "parties.Party",
        blank=True,
        related_name="co_party_cases",
        verbose_name=_("pozostałe strony"),
    )
    department = models.CharField(_("komórka organizacyjna"), max_length=200, blank=True)
    officer_name = models.CharField(_("prowadzący sprawę"), max_length=120, blank=True)
    officer_contact = models.CharField(_("kontakt do prowadzącego"), max_length=200, blank=True)
    received_on = models.DateField(_("data wpływu"))
    legal_deadline = models.DateField(_("termin ustawowy"), null=True, blank=True)
    expected_end = models.DateField(_("przewidywany termin załatwienia"), null=True, blank=True)
    closed_on = models.DateField(_("data zakończenia"), null=True, blank=True)
    status = models.ForeignKey(
        CaseStatus, on_delete=models.PROTECT, related_name="+", verbose_name=_("status")
    )
    resident_action = models.CharField(
        _("czego oczekujemy od strony"),
        max_length=300,
        blank=True,
        help_text=_("Np. „Prosimy o dosłanie mapy do celów projektowych do 15.05.”."),
    )
    source = models.CharField(_("źródło"), max_length=40, default="import")
    external_id = models.CharField(_("identyfikator w systemie dziedzinowym"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sprawa")
        verbose_name_plural = _("sprawy")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="case_unique_external")
        ]
        indexes = [models.Index(fields=["party", "-received_on"])]

    def __str__(self) -> str:
        return f"{self.sign} – {self.subject}"

    @property
    def expected_of_resident(self) -> str:
        """What the Party is asked to do now; "" when nothing."""
        if not self.status.waiting_for_resident:
            return ""
        return (
            self.resident_action
            or self.status.resident_hint
            or str(_("Urząd czeka na Twoje działanie – sprawdź pisma w sprawie."))
        )


class CaseStatusChange(models.Model):
    """One step of a case's history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    status = models.ForeignKey(CaseStatus, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("zmiana"))
    note = models.CharField(_("uwagi"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("zmiana statusu")
        verbose_name_plural = _("historia statusów")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case.sign}: {self.status}"


def document_path(instance: CaseDocument, filename: str) -> str:
    """Where attachments were kept before they became private files; only migration 0001
    still names it."""
    return f"cases/{instance.case_id}/{filename}"


class CaseDocument(models.Model):
    """A letter or document of the case, either way, with its attachment."""

    class Direction(models.TextChoices):
        INCOMING = "in", _("do urzędu")
        OUTGOING = "out", _("od urzędu")

    class Channel(models.TextChoices):
        EPUAP = "epuap", _("ePUAP")
        EDORECZENIA = "edoreczenia", _("e-Doręczenia")
        PAPER = "paper", _("papierowo")
        PORTAL = "portal", _("e-Urząd")

    class Delivery(models.TextChoices):
        PENDING = "pending", _("w doręczeniu")
        DELIVERED = "delivered", _("doręczono")
        NOT_COLLECTED = "not_collected", _("nieodebrane")
        RECEIVED = "received", _("wpłynęło")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    direction = models.CharField(_("kierunek"), max_length=3, choices=Direction.choices)
    title = models.CharField(_("tytuł"), max_length=300)
    dated = models.DateField(_("data"))
    channel = models.CharField(_("kanał"), max_length=12, choices=Channel.choices)
    delivery = models.CharField(
        _("stan doręczenia"), max_length=14, choices=Delivery.choices, default=Delivery.PENDING
    )
    attachment = PrivateFileField(
        _("załącznik"),
        storage=private_storage,
        kind="pisma",
        name_field="attachment_name",
        blank=True,
    )
    attachment_name = models.CharField(
        _("nazwa pliku załącznika"), max_length=255, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pismo w sprawie")
        verbose_name_plural = _("pisma w sprawie")
        ordering = ["dated", "pk"]

    def __str__(self) -> str:
        return self.title


class LetterDelivery(models.Model):
    """How a letter of the office went to one party of the case, and where it stands.

    The route is chosen when the letter is sent: the party's address for electronic
    delivery (e-Doręczenia) first, its ePUAP inbox where it has none, paper otherwise.
    """

    class Route(models.TextChoices):
        EDORECZENIA = "edoreczenia", _("e-Doręczenia")
        EPUAP = "epuap", _("ePUAP")
        PAPER = "paper", _("list papierowy")

    class State(models.TextChoices):
        QUEUED = "queued", _("czeka na wysłanie")
        SENDING = "sending", _("w trakcie wysyłania")
        TO_PRINT = "to_print", _("do wysłania pocztą")
        SENT = "sent", _("wysłano")
        DELIVERED = "delivered", _("doręczono")
        NOT_DELIVERED = "not_delivered", _("nie doręczono")
        FAILED = "failed", _("wysyłka nieudana")

    # PROTECT: a letter sent to a party, and its evidence, are the office's record.
    document = models.ForeignKey(CaseDocument, on_delete=models.PROTECT, related_name="deliveries")
    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("adresat")
    )
    route = models.CharField(_("droga doręczenia"), max_length=12, choices=Route.choices)
    recipient_address = models.CharField(_("adres adresata"), max_length=130, blank=True)
    state = models.CharField(_("stan"), max_length=14, choices=State.choices, default=State.QUEUED)
    message_id = models.CharField(_("identyfikator u dostawcy"), max_length=128, blank=True)
    sent_at = models.DateTimeField(_("wysłano"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("próby wysłania"), default=0)
    last_attempt_at = models.DateTimeField(_("ostatnia próba"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("następna próba"), null=True, blank=True)
    last_error = models.TextField(_("ostatni błąd"), blank=True)
    checked_at = models.DateTimeField(_("ostatnie sprawdzenie dowodów"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wysyłka pisma")
        verbose_name_plural = _("wysyłki pism")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "party"], name="one_delivery_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.party}"

    @admin.display(description=_("znak sprawy"))
    def case_sign(self) -> str:
        return self.document.case.sign

    def evidences_to_show(self) -> list[LetterEvidence]:
        """For the resident: the first evidence of each state it attests (sent, delivered
        or not), in order; the provider's intermediate ones are kept but not listed."""
        first: dict[str, LetterEvidence] = {}
        for evidence in self.evidences.all():
            first.setdefault(evidence.state, evidence)
        return list(first.values())


class LetterEvidence(models.Model):
    """One evidence the provider issued about a sent letter (e-Doręczenia A.1 … E.2 and
    BP.*, ePUAP UPD), kept as issued in private storage."""

    delivery = models.ForeignKey(LetterDelivery, on_delete=models.PROTECT, related_name="evidences")
    kind = models.CharField(_("rodzaj dowodu"), max_length=32)
    evidence_id = models.CharField(_("identyfikator dowodu"), max_length=128)
    issued_at = models.DateTimeField(_("wystawiono"))
    state = models.CharField(_("stan, który poświadcza"), max_length=14)
    file = PrivateFileField(
        _("dowód"),
        storage=private_storage,
        kind="dowody-doreczenia",
        name_field="file_name",
    )
    file_name = models.CharField(_("nazwa pliku"), max_length=255, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dowód doręczenia")
        verbose_name_plural = _("dowody doręczenia")
        ordering = ["issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "evidence_id"], name="one_record_per_evidence"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.evidence_id}"

    @property
    def title(self) -> str:
        """What the evidence proves, in words a resident understands."""
        titles = {
            "sent": _("Dowód wysłania"),
            "delivered": _("Dowód doręczenia"),
            "not_delivered": _("Dowód niedoręczenia"),
        }
        return str(titles.get(self.state, _("Dowód")))
