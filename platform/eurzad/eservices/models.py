"""The town's e-service forms (made by editors in the Wagtail admin) and the constants
their formulas use (the town's rates).

A form is a Wagtail snippet with drafts, revisions and preview: what residents fill in
is always the live revision, and a submission keeps the revision it was started on
(:class:`wagtail.models.Revision`), so publishing a new version never changes a form
someone is in the middle of.
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, PreviewableMixin, Revision, RevisionMixin

from eurzad.core.private_files.fields import PrivateFileField
from eurzad.core.private_files.storage import private_storage
from eurzad.eservices.blocks import StepBlock
from eurzad.eservices.definition import Definition, DefinitionError, read


class FormConstant(models.Model):
    """A number a town's formulas use by name, e.g. the monthly waste rate per person
    (set by the town council's resolution)."""

    key = models.SlugField(
        _("nazwa w formułach"),
        max_length=40,
        unique=True,
        help_text=_("Małe litery, cyfry i podkreślnik, np. stawka_osoba."),
    )
    value = models.DecimalField(_("wartość"), max_digits=12, decimal_places=4)
    label = models.CharField(_("opis"), max_length=200)
    source = models.CharField(
        _("podstawa"), max_length=300, blank=True, help_text=_("Np. numer uchwały rady gminy.")
    )

    class Meta:
        verbose_name = _("stała formularzy")
        verbose_name_plural = _("stałe formularzy")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} = {self.value.normalize():f}"


def constants() -> dict[str, Decimal]:
    """The town's constants, by name."""
    return dict(FormConstant.objects.values_list("key", "value"))


class EServiceForm(DraftStateMixin, RevisionMixin, PreviewableMixin, models.Model):
    """A form residents file online, attached to a service of the catalogue."""

    name = models.CharField(_("nazwa"), max_length=200)
    name_en = models.CharField(_("nazwa po angielsku"), max_length=200, blank=True)
    slug = models.SlugField(
        _("adres"), max_length=80, unique=True, help_text=_("Część adresu formularza.")
    )
    service = models.OneToOneField(
        "cms.ServicePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eservice_form",
        verbose_name=_("usługa w katalogu"),
        help_text=_("Katalog pokaże przy niej „Załatw online”."),
    )
    intro = models.TextField(_("wprowadzenie"), blank=True)
    intro_en = models.TextField(_("wprowadzenie po angielsku"), blank=True)
    jrwa_symbol = models.CharField(
        _("symbol JRWA"), max_length=10, help_text=_("Symbol sprawy, którą wniosek zakłada.")
    )
    case_subject = models.CharField(_("przedmiot sprawy"), max_length=300)
    anonymous = models.BooleanField(
        _("bez logowania"),
        default=False,
        help_text=_("Np. zgłoszenie awarii: może je złożyć każdy, bez login.gov.pl."),
    )
    signature_required = models.BooleanField(
        _("wymaga podpisu zaufanego"),
        default=False,
        help_text=_("Wniosek zostanie podpisany podpisem zaufanym przed wysłaniem."),
    )
    fee_field = models.CharField(
        _("pole z opłatą"),
        max_length=40,
        blank=True,
        help_text=_("Klucz pola wyliczanego, którego wartość mieszkaniec płaci przed złożeniem."),
    )
    fee_title = models.CharField(
        _("tytuł opłaty"), max_length=140, blank=True, help_text=_("Np. „Opłata skarbowa”.")
    )
    steps = StreamField([("step", StepBlock())], verbose_name=_("kroki formularza"))
    revisions = GenericRelation(
        Revision,
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="eservice_form",
        for_concrete_model=False,
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("service")],
            heading=_("Formularz"),
        ),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
        MultiFieldPanel(
            [
                FieldPanel("jrwa_symbol"),
                FieldPanel("case_subject"),
                FieldPanel("anonymous"),
                FieldPanel("signature_required"),
                FieldPanel("fee_field"),
                FieldPanel("fee_title"),
            ],
            heading=_("Sprawa i opłata"),
        ),
        FieldPanel("steps"),
    ]

    class Meta:
        verbose_name = _("formularz e-usługi")
        verbose_name_plural = _("formularze e-usług")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def definition(self) -> Definition:
        """This (possibly unsaved) form's definition with the town's constants."""
        return read(self.steps.raw_data, self.fee_field, constants())

    def clean(self) -> None:
        super().clean()
        try:
            self.definition()
        except DefinitionError as error:
            raise ValidationError(
                {"steps": _("Formularza nie da się wypełnić: %(error)s") % {"error": error}}
            ) from error

    def get_preview_template(self, request: HttpRequest, mode_name: str) -> str:
        return "eservices/preview.html"

    def get_preview_context(self, request: HttpRequest, mode_name: str) -> dict[str, Any]:
        context = super().get_preview_context(request, mode_name)
        context["definition"] = self.definition()
        return context


def definition_of(revision: Revision) -> Definition:
    """The form as it was in ``revision`` (what a submission started on it fills in),
    with the town's constants of today."""
    content = revision.content
    return read(content.get("steps"), content.get("fee_field", ""), constants())


@register_setting(icon="form")
class EServiceSettings(BaseGenericSetting):
    """How long a resident's unfinished application is kept (a town setting)."""

    draft_days = models.PositiveSmallIntegerField(
        _("ile dni przechowywać wersje robocze"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Po tym czasie niedokończony wniosek jest usuwany."),
    )

    class Meta:
        verbose_name = _("ustawienia e-usług")


class Submission(models.Model):
    """One application: a draft while the resident fills it in, then submitted (after
    the fee is paid, where the form has one), when it becomes a case."""

    class State(models.TextChoices):
        DRAFT = "draft", _("wersja robocza")
        SIGNING = "signing", _("czeka na podpis")
        AWAITING_PAYMENT = "awaiting_payment", _("czeka na opłatę")
        SUBMITTED = "submitted", _("złożony")

    form = models.ForeignKey(
        EServiceForm,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("formularz"),
    )
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="+", verbose_name=_("wersja formularza")
    )
    party = models.ForeignKey(
        "parties.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("wnioskodawca"),
        help_text=_("Puste: zgłoszenie bez logowania."),
    )
    filed_by = models.ForeignKey(
        "identity.Resident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filed_submissions",
        verbose_name=_("złożył"),
    )
    mandate = models.ForeignKey(
        "identity.Representation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("upoważnienie"),
    )
    answers = models.JSONField(_("odpowiedzi"), default=dict)
    state = models.CharField(_("stan"), max_length=16, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(_("wersja robocza ważna do"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("złożono"), null=True, blank=True)
    reference = models.CharField(_("numer wniosku"), max_length=40, blank=True)
    digest = models.CharField(_("skrót SHA-256"), max_length=64, blank=True)
    assertion_id = models.CharField(
        _("identyfikator asercji login.gov.pl"), max_length=200, blank=True
    )
    level_of_assurance = models.CharField(_("poziom uwierzytelnienia"), max_length=100, blank=True)
    authenticated_at = models.CharField(_("uwierzytelniono"), max_length=40, blank=True)
    fee = models.DecimalField(_("opłata"), max_digits=10, decimal_places=2, null=True, blank=True)
    signing_url = models.URLField(_("adres podpisywania"), max_length=500, blank=True)
    signing_document = models.TextField(_("dokument do podpisu"), blank=True)
    signer_name = models.CharField(_("podpisał"), max_length=200, blank=True)
    signer_pesel = models.CharField(_("PESEL podpisującego"), max_length=11, blank=True)
    signed_at = models.DateTimeField(_("podpisano"), null=True, blank=True)
    fee_installment = models.OneToOneField(
        "finance.Installment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eservice_submission",
        verbose_name=_("opłata do zapłaty"),
    )
    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submission",
        verbose_name=_("sprawa"),
    )

    class Meta:
        verbose_name = _("wniosek")
        verbose_name_plural = _("wnioski")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"], condition=~models.Q(reference=""), name="submission_reference"
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft") | ~models.Q(reference=""),
                name="submitted_has_reference",
            ),
        ]
        indexes = [models.Index(fields=["party", "state"])]

    def __str__(self) -> str:
        return self.reference or f"{self.form} ({self.get_state_display()})"

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT


def file_token() -> str:
    return secrets.token_urlsafe(18)


class SubmissionFile(models.Model):
    """A file attached to an application (a photo, a scan). The answers keep its
    ``token``; the file itself is private: only the filing Party's people and staff with
    ``eservices.view_submission`` read it."""

    class Kind(models.TextChoices):
        ATTACHMENT = "attachment", _("załącznik")
        FORM_PDF = "form_pdf", _("wniosek (PDF)")
        FORM_XML = "form_xml", _("wniosek (XML)")
        FORM_JSON = "form_json", _("wniosek (JSON)")
        RECEIPT_XML = "receipt_xml", _("poświadczenie przedłożenia (XML)")
        RECEIPT_PDF = "receipt_pdf", _("poświadczenie przedłożenia (PDF)")
        SIGNED_XML = "signed_xml", _("wniosek podpisany podpisem zaufanym (XML)")

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="files", verbose_name=_("wniosek")
    )
    kind = models.CharField(
        _("rodzaj"), max_length=12, choices=Kind.choices, default=Kind.ATTACHMENT
    )
    field_key = models.CharField(_("pole formularza"), max_length=40, blank=True)
    token = models.CharField(max_length=32, unique=True, default=file_token, editable=False)
    file = PrivateFileField(_("plik"), storage=private_storage, kind="wnioski", name_field="name")
    name = models.CharField(_("nazwa pliku"), max_length=255, editable=False)
    content_type = models.CharField(_("typ pliku"), max_length=100)
    size = models.PositiveIntegerField(_("rozmiar w bajtach"))
    sha256 = models.CharField(_("skrót SHA-256"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("załącznik wniosku")
        verbose_name_plural = _("załączniki wniosków")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
