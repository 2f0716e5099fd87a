"""The town's ePUAP / e-Doręczenia configuration and the record of every document taken in.

Both live in the town's own schema; the system private key is stored sealed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from eurzad.channels.documents import ChannelKind
from eurzad.channels.simulator.keys import provider_key_and_certificate
from eurzad.core.sealed import seal, unseal
from eurzad.parties.addresses import validate_ade_address as validate_delivery_address

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PODMIOT = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAILBOX = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

EPUAP_PULL_URLS = {
    "int": "https://ws-int.epuap.gov.pl/pk_external_ws/services/pull",
    "production": "https://ws.epuap.gov.pl/pk_external_ws/services/pull",
}
EPUAP_DORECZYCIEL_URLS = {
    "int": "https://ws-int.epuap.gov.pl/pk_external_ws/services/doreczyciel",
    "production": "https://ws.epuap.gov.pl/pk_external_ws/services/doreczyciel",
}
# e-Doręczenia: the designated operator's User Agent API (contract 3.x) and the OIDC token
# endpoint of its authorisation server (docs/integrations/e-doreczenia.md; unconfirmed for
# the integration environment).
EDORECZENIA_UA_API_URLS = {
    "int": "https://uaapi-int-ow.poczta-polska.pl/api/v3",
    "production": "https://uaapi-ow.poczta-polska.pl/api/v3",
}
EDORECZENIA_TOKEN_URLS = {
    "int": "https://int-ow.edoreczenia.gov.pl/auth/realms/EDOR/protocol/openid-connect/token",
    "production": "https://ow.edoreczenia.gov.pl/auth/realms/EDOR/protocol/openid-connect/token",
}
SIMULATED_TOKEN_PATH = "/auth/realms/EDOR/protocol/openid-connect/token"  # noqa: S105 (a path)
SIMULATED_UA_API_PATH = "/api/v3"


class ChannelConfig(models.Model):
    """One row per channel kind in the town's schema."""

    class Kind(models.TextChoices):
        EPUAP = ChannelKind.EPUAP.value, _("ePUAP (skrytka, WS-Pull)")
        EDORECZENIA = ChannelKind.EDORECZENIA.value, _("e-Doręczenia")

    class Environment(models.TextChoices):
        INTEGRATION = "int", _("środowisko integracyjne")
        PRODUCTION = "production", _("produkcja")
        LOCAL = "local", _("lokalny symulator eurzad (demo i testy)")

    kind = models.CharField(_("kanał"), max_length=12, choices=Kind.choices, unique=True)
    enabled = models.BooleanField(_("włączony"), default=True)
    environment = models.CharField(
        _("środowisko"), max_length=12, choices=Environment.choices, default=Environment.LOCAL
    )
    podmiot_id = models.CharField(
        _("identyfikator podmiotu ePUAP"),
        max_length=64,
        blank=True,
        help_text=_("Nadany przez ePUAP, np. 3e9t67vsgz."),
    )
    mailbox_name = models.CharField(
        _("nazwa skrytki ePUAP"),
        max_length=64,
        blank=True,
        default="SkrytkaESP",
        help_text=_("Np. SkrytkaESP; adres skrytki to /podmiot/skrytka."),
    )
    delivery_address = models.CharField(
        _("adres do doręczeń elektronicznych"),
        max_length=32,
        blank=True,
        validators=[validate_delivery_address],
        help_text=_("Np. AE:PL-66081-65851-BHGEH-20."),
    )
    service_url = models.URLField(
        _("adres usługi"),
        blank=True,
        help_text=_(
            "Puste: wynika ze środowiska (WS-Pull ePUAP; User Agent API e-Doręczeń; lokalny "
            "symulator)."
        ),
    )
    client_id = models.CharField(
        _("identyfikator systemu w e-Doręczeniach"),
        max_length=128,
        blank=True,
        help_text=_(
            "Nadany przy rejestracji systemu, zwykle w postaci "
            "AE:PL-12345-12345-ABCDE-12.SYSTEM.NAZWA; jest wystawcą asercji JWT."
        ),
    )
    token_url = models.URLField(
        _("adres wydawania tokenów"),
        blank=True,
        help_text=_("Puste: wynika ze środowiska (serwer autoryzacji e-Doręczeń)."),
    )
    provider_certificate = models.TextField(
        _("certyfikat dostawcy (PEM)"),
        blank=True,
        help_text=_(
            "Certyfikat, którym ePUAP / e-Doręczenia podpisują odpowiedzi. Dla lokalnego "
            "symulatora niepotrzebny."
        ),
    )
    system_certificate = models.TextField(
        _("certyfikat systemu (PEM)"),
        help_text=_("Zarejestrowany w ePUAP / e-Doręczeniach; RSA, podpis RSA-SHA256."),
    )
    system_private_key_sealed = models.TextField(editable=False)
    last_polled_at = models.DateTimeField(_("ostatnie sprawdzenie"), null=True, blank=True)
    last_error = models.TextField(_("ostatni błąd"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kanał ePUAP / e-Doręczeń")
        verbose_name_plural = _("kanały ePUAP / e-Doręczeń")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.address}"

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.environment == self.Environment.LOCAL and not settings.SIMULATORS_ENABLED:
            errors["environment"] = _("Lokalny symulator jest wyłączony na tej instalacji.")
        if self.kind == self.Kind.EPUAP:
            if not PODMIOT.match(self.podmiot_id or ""):
                errors["podmiot_id"] = _("Podaj identyfikator podmiotu ePUAP.")
            if not MAILBOX.match(self.mailbox_name or ""):
                errors["mailbox_name"] = _("Podaj nazwę skrytki, np. SkrytkaESP.")
        if self.kind == self.Kind.EDORECZENIA:
            if not self.delivery_address:
                errors["delivery_address"] = _("Podaj adres do doręczeń elektronicznych.")
            if not self.client_id:
                errors["client_id"] = _("Podaj identyfikator systemu nadany w e-Doręczeniach.")
        if errors:
            raise ValidationError(errors)

    @property
    def system_private_key(self) -> str:
        return unseal(self.system_private_key_sealed)

    @system_private_key.setter
    def system_private_key(self, pem: str) -> None:
        self.system_private_key_sealed = seal(pem)

    @property
    def mailbox_address(self) -> str:
        """The ePUAP mailbox address ``/{podmiot}/{skrytka}``."""
        return f"/{self.podmiot_id}/{self.mailbox_name}"

    @property
    def address(self) -> str:
        """The town's own address on this channel."""
        if self.kind == self.Kind.EPUAP:
            return self.mailbox_address
        return self.delivery_address

    @property
    def endpoint(self) -> str:
        """Where the channel's service answers."""
        if self.service_url:
            return self.service_url.rstrip("/")
        if self.environment == self.Environment.LOCAL:
            if self.kind == self.Kind.EPUAP:
                return settings.EPUAP_SIMULATOR_URL.rstrip("/") + "/pull"
            return settings.EDORECZENIA_SIMULATOR_URL.rstrip("/") + SIMULATED_UA_API_PATH
        if self.kind == self.Kind.EPUAP:
            return EPUAP_PULL_URLS.get(self.environment, "")
        return EDORECZENIA_UA_API_URLS.get(self.environment, "")

    @property
    def token_endpoint(self) -> str:
        """Where the system obtains its access tokens (e-Doręczenia, OIDC client credentials)."""
        if self.token_url:
            return self.token_url
        if self.environment == self.Environment.LOCAL:
            return settings.EDORECZENIA_SIMULATOR_URL.rstrip("/") + SIMULATED_TOKEN_PATH
        return EDORECZENIA_TOKEN_URLS.get(self.environment, "")

    @property
    def delivery_endpoint(self) -> str:
        """ePUAP's WS-Doręczyciel, beside WS-Pull (``…/services/doreczyciel``)."""
        if self.service_url:
            return self.service_url.rstrip("/").rsplit("/", 1)[0] + "/doreczyciel"
        if self.environment == self.Environment.LOCAL:
            return settings.EPUAP_SIMULATOR_URL.rstrip("/") + "/doreczyciel"
        return EPUAP_DORECZYCIEL_URLS.get(self.environment, "")

    @property
    def trusted_provider_certificate(self) -> str:
        """The certificate the provider's responses are checked against."""
        if self.environment == self.Environment.LOCAL and settings.SIMULATORS_ENABLED:
            return provider_key_and_certificate()[1]
        return self.provider_certificate


class IntakeRecord(models.Model):
    """One document taken in through a channel. Unique per (channel, provider's id), so a
    re-delivered document is recognised and never handled twice."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("przyjęty")
        REJECTED = "rejected", _("odrzucony")
        HANDLED = "handled", _("obsłużony")

    channel = models.CharField(_("kanał"), max_length=12, choices=ChannelConfig.Kind.choices)
    message_id = models.CharField(_("identyfikator u dostawcy"), max_length=128)
    received_at = models.DateTimeField(_("doręczono"))
    sender = models.CharField(_("nadawca (adres)"), max_length=255, blank=True)
    sender_name = models.CharField(_("nadawca"), max_length=255, blank=True)
    title = models.CharField(_("tytuł"), max_length=255, blank=True)
    form_kind = models.CharField(_("rodzaj formularza"), max_length=32, blank=True)
    status = models.CharField(
        _("stan"), max_length=10, choices=Status.choices, default=Status.ACCEPTED
    )
    reason = models.TextField(_("powód odrzucenia"), blank=True)
    handler = models.CharField(_("obsłużył"), max_length=64, blank=True)
    document = models.BinaryField(_("dokument"), editable=False)
    upo_id = models.CharField(_("identyfikator UPO"), max_length=128, blank=True)
    upo_xml = models.BinaryField(_("UPO"), editable=False, blank=True, default=b"")
    taken_in_at = models.DateTimeField(_("przyjęto"), auto_now_add=True)
    handled_at = models.DateTimeField(_("obsłużono"), null=True, blank=True)

    class Meta:
        verbose_name = _("dokument przychodzący")
        verbose_name_plural = _("dokumenty przychodzące")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "message_id"], name="one_intake_per_provider_message"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title or self.message_id} ({self.get_status_display()})"


class EpuapDelivery(models.Model):
    """A letter handed to ePUAP's WS-Doręczyciel, and the UPD once the recipient
    collected it (ePUAP sends the UPD to the office's reply mailbox; intake files it
    here by the ``IdentyfikatorDokumentu`` it names, which is our ``reference``)."""

    reference = models.CharField(_("nasz identyfikator pisma"), max_length=128, unique=True)
    message_id = models.CharField(_("identyfikator w ePUAP"), max_length=128, unique=True)
    order_id = models.CharField(_("identyfikator zlecenia"), max_length=128, blank=True)
    recipient = models.CharField(_("adres skrytki adresata"), max_length=255)
    case_sign = models.CharField(_("znak sprawy"), max_length=128, blank=True)
    sent_at = models.DateTimeField(_("nadano"))
    upd_id = models.CharField(_("identyfikator UPD"), max_length=128, blank=True)
    upd_xml = models.BinaryField(_("UPD"), editable=False, blank=True, default=b"")
    collected_at = models.DateTimeField(_("odebrano"), null=True, blank=True)

    class Meta:
        verbose_name = _("pismo doręczane przez ePUAP")
        verbose_name_plural = _("pisma doręczane przez ePUAP")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.reference
