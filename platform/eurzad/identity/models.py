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
        help_text=_("Do weryfikacji podpisów odpowiedzi; z dokumentacji COI."),
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
        return (self.idp_base_url or ENVIRONMENT_HOSTS.get(self.environment, "")).rstrip("/")

    @property
    def sso_url(self) -> str:
        return self.base_url + SSO_PATH

    @property
    def artifact_resolution_url(self) -> str:
        return self.base_url + ARTIFACT_PATH

    @property
    def single_logout_url(self) -> str:
        return self.base_url + SLO_PATH
