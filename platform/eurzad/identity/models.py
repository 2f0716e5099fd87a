"""The town's login.gov.pl (Węzeł Krajowy) service-provider configuration."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from eurzad.identity.sealed import seal, unseal

ENVIRONMENT_HOSTS = {
    "symulator": "https://symulator.login.gov.pl",
    "int": "https://int.login.gov.pl",
    "production": "https://login.gov.pl",
}
SSO_PATH = "/login/SingleSignOnService"
ARTIFACT_PATH = "/login-services/idpArtifactResolutionService"
SLO_PATH = "/login-services/singleLogoutService"


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
    idp_base_url = models.URLField(
        _("adres Węzła Krajowego"),
        blank=True,
        help_text=_("Puste: adres wynika ze środowiska. Dla lokalnego symulatora jego adres."),
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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("konfiguracja login.gov.pl")
        verbose_name_plural = _("konfiguracje login.gov.pl")

    def __str__(self) -> str:
        return f"{self.entity_id} ({self.get_environment_display()})"

    def clean(self) -> None:
        if self.environment == self.Environment.LOCAL and not settings.SIMULATORS_ENABLED:
            raise ValidationError(
                {
                    "environment": _(
                        "Lokalny symulator jest wyłączony na tej instalacji "
                        "(the local simulator is disabled on this installation)."
                    )
                }
            )

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
            from eurzad.identity.simulator.keys import idp_key_and_certificate

            return idp_key_and_certificate()[1]
        return self.idp_certificate

    @property
    def idp_entity_id(self) -> str:
        if self.environment == self.Environment.LOCAL:
            from eurzad.identity.simulator.keys import ENTITY_ID

            return ENTITY_ID
        return self.base_url

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


class Representation(models.Model):
    """The resident may act for another Party: view its data, or also pay for it."""

    class Scope(models.TextChoices):
        VIEW = "view", _("wgląd")
        PAY = "pay", _("wgląd i płatności")

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
