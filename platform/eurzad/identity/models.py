"""The town's login.gov.pl (Węzeł Krajowy) service-provider configuration."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from eurzad.core.masking import mask
from eurzad.core.private_files.fields import PrivateFileField
from eurzad.core.private_files.storage import private_storage
from eurzad.core.sealed import seal, unseal
from eurzad.core.xmlsecurity.keys import load_certificate
from eurzad.identity.simulator.keys import ENTITY_ID, idp_key_and_certificate
from eurzad.parties.identifiers import validate_nip, validate_pesel
from eurzad.parties.models import Party

ENVIRONMENT_HOSTS = {
    "symulator": "https://symulator.login.gov.pl",
    "int": "https://int.login.gov.pl",
    "production": "https://login.gov.pl",
}
# The WK's entityID (the Issuer of its messages) is a bare name, not its address:
# int.login.gov.pl is confirmed by a public integration-environment message; the others
# follow the same pattern and are confirmed at registration (docs/operators/login-gov.md).
ENVIRONMENT_ISSUERS = {
    "symulator": "symulator.login.gov.pl",
    "int": "int.login.gov.pl",
    "production": "login.gov.pl",
}
SSO_PATH = "/login/SingleSignOnService"
ARTIFACT_PATH = "/login-services/idpArtifactResolutionService"
SLO_PATH = "/login-services/singleLogoutService"


class HttpsURLField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out."""

    def formfield(self, **kwargs: Any) -> Any:
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


class LoginGovConfig(models.Model):
    """One row per town (its own schema): environment, entity id, keys, IdP certificate."""

    class Environment(models.TextChoices):
        SIMULATOR = "symulator", _("symulator (testy COI)")
        INTEGRATION = "int", _("środowisko integracyjne")
        PRODUCTION = "production", _("produkcja")
        LOCAL = "local", _("lokalny symulator eurzad (demo i testy)")

    class LevelOfAssurance(models.TextChoices):
        LOW = "http://eidas.europa.eu/LoA/low", _("niski")
        SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial", _("znaczny")
        HIGH = "http://eidas.europa.eu/LoA/high", _("wysoki")

    environment = models.CharField(
        _("środowisko"), max_length=12, choices=Environment.choices, default=Environment.LOCAL
    )
    idp_base_url = HttpsURLField(
        _("adres Węzła Krajowego"),
        blank=True,
        help_text=_("Puste: adres wynika ze środowiska. Dla lokalnego symulatora jego adres."),
    )
    idp_issuer = models.CharField(
        _("identyfikator Węzła Krajowego (Issuer)"),
        max_length=255,
        blank=True,
        help_text=_(
            "Puste: wartość domyślna środowiska, np. int.login.gov.pl albo login.gov.pl. Wpisz "
            "inną tylko wtedy, gdy podało ją COI."
        ),
    )
    entity_id = models.CharField(
        _("identyfikator SP (entityID)"),
        max_length=255,
        help_text=_("Nadany gminie przy rejestracji usługi w Węźle Krajowym."),
    )
    minimum_loa = models.CharField(
        _("minimalny poziom bezpieczeństwa"),
        max_length=64,
        choices=LevelOfAssurance.choices,
        default=LevelOfAssurance.SUBSTANTIAL,
    )
    sp_certificate = models.TextField(
        _("certyfikat SP (PEM)"), help_text=_("Certyfikat P-256 do podpisu i szyfrowania.")
    )
    sp_private_key_sealed = models.TextField(editable=False)
    idp_certificate = models.TextField(
        _("certyfikat Węzła Krajowego (PEM)"),
        blank=True,
        help_text=_(
            "Do weryfikacji podpisów odpowiedzi; z dokumentacji COI. Bez niego logowanie "
            "jest wyłączone."
        ),
    )
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    class Meta:
        verbose_name = _("konfiguracja login.gov.pl")
        verbose_name_plural = _("konfiguracje login.gov.pl")

    def __str__(self) -> str:
        return f"{self.entity_id} ({self.get_environment_display()})"

    def clean(self) -> None:
        errors = {}
        if self.environment == self.Environment.LOCAL and not settings.SIMULATORS_ENABLED:
            errors["environment"] = _("Lokalny symulator jest wyłączony na tej instalacji.")
        if self.idp_certificate.strip():
            try:
                load_certificate(self.idp_certificate)
            except ValueError:
                errors["idp_certificate"] = _("To nie jest certyfikat X.509 w formacie PEM.")
        if errors:
            raise ValidationError(errors)

    @property
    def sp_private_key(self) -> str:
        return unseal(self.sp_private_key_sealed)

    @sp_private_key.setter
    def sp_private_key(self, pem: str) -> None:
        self.sp_private_key_sealed = seal(pem)

    @property
    def base_url(self) -> str:
        if self.idp_base_url:
            return self.idp_base_url.rstrip("/")
        if self.environment == self.Environment.LOCAL:
            return settings.WK_SIMULATOR_URL.rstrip("/")
        return ENVIRONMENT_HOSTS.get(self.environment, "").rstrip("/")

    @property
    def trusted_idp_certificate(self) -> str:
        """The certificate IdP signatures are checked against."""
        if self.environment == self.Environment.LOCAL and settings.SIMULATORS_ENABLED:
            return idp_key_and_certificate()[1]
        return self.idp_certificate

    @property
    def idp_entity_id(self) -> str:
        """The Issuer the WK's messages must carry in this environment."""
        if self.idp_issuer.strip():
            return self.idp_issuer.strip()
        if self.environment == self.Environment.LOCAL:
            return ENTITY_ID
        return ENVIRONMENT_ISSUERS.get(self.environment, "")

    @property
    def sso_url(self) -> str:
        return self.base_url + SSO_PATH

    @property
    def artifact_resolution_url(self) -> str:
        return self.base_url + ARTIFACT_PATH

    @property
    def single_logout_url(self) -> str:
        return self.base_url + SLO_PATH


class Resident(models.Model):
    """A resident's account in this town: linked to their Party (matched by PESEL at
    login.gov.pl login, never used as the username), with contact preferences and the
    mobile-app PIN (hashed)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident"
    )
    party = models.OneToOneField(
        "parties.Party", on_delete=models.PROTECT, related_name="resident", null=True
    )
    is_demo = models.BooleanField(
        _("konto demonstracyjne"), default=False, help_text=_("Piaskownica: nic prawdziwego.")
    )
    notify_by_email = models.BooleanField(_("powiadomienia e-mailem"), default=True)
    notify_by_push = models.BooleanField(_("powiadomienia w aplikacji"), default=True)
    pin_hash = models.CharField(max_length=128, blank=True, editable=False)
    pin_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    pairing_locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mieszkaniec")
        verbose_name_plural = _("mieszkańcy")

    def __str__(self) -> str:
        return str(self.party) if self.party else self.user.get_username()

    @property
    def display_name(self) -> str:
        """The name the office has for the resident (their Party's), else their account's."""
        if self.party:
            return self.party.display_name
        return self.user.get_full_name()


class Representation(models.Model):
    """The resident may act for another Party: view its data, also pay for it, or also
    file applications in its name (each scope includes the ones before it)."""

    class Scope(models.TextChoices):
        VIEW = "view", _("wgląd")
        PAY = "pay", _("wgląd i płatności")
        FILE = "file", _("wgląd, płatności i wnioski")

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="mandates")
    party = models.ForeignKey(
        "parties.Party", on_delete=models.CASCADE, related_name="representatives"
    )
    scope = models.CharField(_("zakres"), max_length=4, choices=Scope.choices, default=Scope.VIEW)
    valid_from = models.DateField(_("ważne od"))
    valid_until = models.DateField(_("ważne do"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("odwołano"), null=True, blank=True)

    class Meta:
        verbose_name = _("upoważnienie")
        verbose_name_plural = _("upoważnienia")
        constraints = [
            models.UniqueConstraint(fields=["resident", "party"], name="one_mandate_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.resident} → {self.party} ({self.get_scope_display()})"


class MobileDevice(models.Model):
    """A paired phone: the app holds a device token (stored here only as a hash)."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="devices")
    name = models.CharField(_("nazwa urządzenia"), max_length=80)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    paired_at = models.DateTimeField(_("sparowano"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("ostatnio użyte"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("odłączono"), null=True, blank=True)

    class Meta:
        verbose_name = _("urządzenie mobilne")
        verbose_name_plural = _("urządzenia mobilne")
        ordering = ["-paired_at"]

    def __str__(self) -> str:
        return self.name


@register_setting(icon="user")
class AccountSettings(BaseGenericSetting):
    """How residents of this town get an account, and whether the demo account is open."""

    class Policy(models.TextChoices):
        INSTANT = "instant", _("od razu – pierwsze logowanie osoby znanej urzędowi")
        REQUEST = "request", _("na wniosek – urząd rozpatruje wniosek o dostęp")

    account_policy = models.CharField(
        _("zakładanie kont"), max_length=8, choices=Policy.choices, default=Policy.INSTANT
    )
    review_days = models.PositiveSmallIntegerField(
        _("termin rozpatrzenia wniosku (dni)"), default=7
    )
    demo_account_enabled = models.BooleanField(
        _("konto demonstracyjne"),
        default=False,
        help_text=_("Logowanie demo / demo do piaskownicy z przykładowymi danymi."),
    )

    class Meta:
        verbose_name = _("konta mieszkańców")


class AccessRequest(models.Model):
    """Wniosek o dostęp: a person asks the office for an account in the e-Urząd, possibly
    with authorisations to act for others; staff approve or reject it within the term."""

    class Channel(models.TextChoices):
        PORTAL = "portal", _("e-Urząd (po zalogowaniu przez login.gov.pl)")
        EPUAP = "epuap", _("ePUAP")
        EDORECZENIA = "edoreczenia", _("e-Doręczenia")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("czeka na rozpatrzenie")
        APPROVED = "approved", _("zatwierdzony")
        REJECTED = "rejected", _("odrzucony")

    reference = models.CharField(_("numer wniosku"), max_length=20, unique=True)
    channel = models.CharField(_("kanał"), max_length=12, choices=Channel.choices)
    status = models.CharField(
        _("stan"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("złożono"), auto_now_add=True)
    due_on = models.DateField(_("termin rozpatrzenia"))
    first_name = models.CharField(_("imię"), max_length=100)
    last_name = models.CharField(_("nazwisko"), max_length=150)
    pesel = models.CharField(_("PESEL"), max_length=11, validators=[validate_pesel])
    date_of_birth = models.DateField(_("data urodzenia"), null=True, blank=True)
    verified_by = models.CharField(
        _("tożsamość potwierdzona przez"),
        max_length=60,
        help_text=_("login.gov.pl albo podpis (profil zaufany, podpis kwalifikowany)."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    street = models.CharField(_("ulica i numer"), max_length=200, blank=True)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6, blank=True)
    city = models.CharField(_("miejscowość"), max_length=100, blank=True)
    remarks = models.TextField(_("uwagi wnioskodawcy"), blank=True)
    channel_message_id = models.CharField(
        _("identyfikator dokumentu w kanale"), max_length=120, blank=True
    )
    upo = models.TextField(_("UPO (XML)"), blank=True)
    decided_at = models.DateTimeField(_("rozpatrzono"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rozpatrzył(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("uzasadnienie odmowy"), blank=True)
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("wniosek o dostęp")
        verbose_name_plural = _("wnioski o dostęp")
        ordering = ["due_on", "pk"]
        permissions = [("review_accessrequest", _("Może rozpatrywać wnioski o dostęp"))]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "channel_message_id"],
                condition=~Q(channel_message_id=""),
                name="one_request_per_channel_document",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def masked_pesel(self) -> str:
        return mask(self.pesel)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_overdue(self) -> bool:
        return self.is_open and timezone.localdate() > self.due_on


class RequestedAuthorisation(models.Model):
    """One authorisation asked for in an access request: to act for a person or a firm,
    with the document proving it attached."""

    access_request = models.ForeignKey(
        AccessRequest, on_delete=models.CASCADE, related_name="authorisations"
    )
    kind = models.CharField(_("rodzaj strony"), max_length=10, choices=Party.Kind.choices)
    name = models.CharField(_("imię i nazwisko albo nazwa"), max_length=300)
    pesel = models.CharField(_("PESEL"), max_length=11, blank=True, validators=[validate_pesel])
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    scope = models.CharField(
        _("zakres"),
        max_length=4,
        choices=Representation.Scope.choices,
        default=Representation.Scope.VIEW,
    )
    valid_until = models.DateField(_("ważne do"), null=True, blank=True)
    document = PrivateFileField(
        _("pełnomocnictwo"),
        storage=private_storage,
        kind="pelnomocnictwa",
        name_field="document_name",
        blank=True,
    )
    document_name = models.CharField(
        _("nazwa pliku pełnomocnictwa"), max_length=255, blank=True, editable=False
    )
    granted = models.BooleanField(_("uwzględnione"), default=False)

    class Meta:
        verbose_name = _("wnioskowane upoważnienie")
        verbose_name_plural = _("wnioskowane upoważnienia")

    def __str__(self) -> str:
        return self.name

    @property
    def masked_identifier(self) -> str:
        return mask(self.pesel) if self.pesel else mask(self.nip, visible=3)


class UsedValue(models.Model):
    """A one-time value already used in this town (a SAML artifact): a second use is
    refused until ``expires_at``. Kept in the town's schema, not in Redis, so that replay
    protection — and with it logins — does not depend on the cache being up."""

    kind = models.CharField(_("rodzaj"), max_length=40)
    digest = models.CharField(_("skrót SHA-256"), max_length=64)
    expires_at = models.DateTimeField(_("ważne do"), db_index=True)

    class Meta:
        verbose_name = _("użyta wartość jednorazowa")
        verbose_name_plural = _("użyte wartości jednorazowe")
        constraints = [models.UniqueConstraint(fields=["kind", "digest"], name="used_value_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.digest[:12]}"


class ArtifactHandoff(models.Model):
    """The artifact and RelayState the node POSTed cross-site, put aside for the same-site
    GET that follows (:mod:`eurzad.identity.artifact_handoff`), under the SHA-256 of a
    one-time token. In the town's schema, so a login finishes without Redis."""

    token_digest = models.CharField(_("skrót żetonu"), max_length=64, unique=True)
    artifact = models.CharField(_("artefakt"), max_length=2048)
    relay_state = models.CharField(_("RelayState"), max_length=2048)
    expires_at = models.DateTimeField(_("ważne do"), db_index=True)

    class Meta:
        verbose_name = _("przekazanie artefaktu logowania")
        verbose_name_plural = _("przekazania artefaktów logowania")

    def __str__(self) -> str:
        return self.token_digest[:12]
