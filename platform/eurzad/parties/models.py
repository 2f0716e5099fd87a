"""A Party: a natural or legal person known to the office (the town's own schema).

The PESEL is personal data of the highest sensitivity here: it is never a username, never
part of a URL, never written to a log line, and shown masked (see ``masked_pesel``).
"""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eurzad.core.masking import mask
from eurzad.parties.addresses import validate_ade_address, validate_epuap_inbox
from eurzad.parties.identifiers import (
    normalise_nip,
    normalise_pesel,
    normalise_regon,
    validate_nip,
    validate_pesel,
    validate_regon,
)


class Party(models.Model):
    class Kind(models.TextChoices):
        NATURAL = "natural", _("osoba fizyczna")
        LEGAL = "legal", _("osoba prawna lub firma")

    kind = models.CharField(_("rodzaj"), max_length=10, choices=Kind.choices)
    pesel = models.CharField(
        _("PESEL"), max_length=11, blank=True, validators=[validate_pesel],
        help_text=_("Tylko dla osób fizycznych; pokazywany zamaskowany."),
    )  # fmt: skip
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    first_name = models.CharField(_("imię"), max_length=100, blank=True)
    last_name = models.CharField(_("nazwisko"), max_length=150, blank=True)
    name = models.CharField(
        _("nazwa"), max_length=300, blank=True, help_text=_("Nazwa firmy lub instytucji.")
    )
    street = models.CharField(_("ulica i numer"), max_length=200, blank=True)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6, blank=True)
    city = models.CharField(_("miejscowość"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    ade_address = models.CharField(
        _("adres do doręczeń elektronicznych"),
        max_length=32,
        blank=True,
        validators=[validate_ade_address],
        help_text=_(
            "Adres z bazy adresów elektronicznych, np. AE:PL-12345-12345-ABCDE-12. Pisma "
            "w sprawach wysyłamy na ten adres."
        ),
    )
    epuap_inbox = models.CharField(
        _("skrytka ePUAP"),
        max_length=130,
        blank=True,
        validators=[validate_epuap_inbox],
        help_text=_(
            "Np. /jankowalski/skrytka. Używana, gdy strona nie ma adresu do doręczeń "
            "elektronicznych."
        ),
    )
    external_id = models.CharField(
        _("identyfikator w systemie dziedzinowym"),
        max_length=100,
        blank=True,
        help_text=_("Klucz z systemu podatkowego lub EZD; import po nim nie dubluje stron."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("strona")
        verbose_name_plural = _("strony")
        ordering = ["last_name", "first_name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pesel"], condition=~Q(pesel=""), name="party_unique_pesel"
            ),
            models.UniqueConstraint(fields=["nip"], condition=~Q(nip=""), name="party_unique_nip"),
            models.UniqueConstraint(
                fields=["external_id"], condition=~Q(external_id=""), name="party_unique_external"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.NATURAL:
            return f"{self.first_name} {self.last_name}".strip()
        return self.name

    @property
    def masked_pesel(self) -> str:
        return mask(self.pesel)

    @property
    def masked_nip(self) -> str:
        return mask(self.nip, visible=3)

    @property
    def masked_identifier(self) -> str:
        """How the Party is recognised on screen: masked PESEL, else masked NIP, never in
        full; "" when it has neither."""
        if self.pesel:
            return f"PESEL {self.masked_pesel}"
        if self.nip:
            return f"NIP {self.masked_nip}"
        return ""

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # Accept "440514 01359", "PL 123-456-32-18"…; store digits only.
        self.pesel = normalise_pesel(self.pesel) if self.pesel else ""
        self.nip = normalise_nip(self.nip) if self.nip else ""
        self.regon = normalise_regon(self.regon) if self.regon else ""
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.NATURAL:
            if not (self.first_name and self.last_name):
                errors["last_name"] = _("Podaj imię i nazwisko.")
        elif self.kind == self.Kind.LEGAL:
            if not self.name:
                errors["name"] = _("Podaj nazwę.")
            if self.pesel:
                errors["pesel"] = _("Firma nie ma numeru PESEL.")
            if not (self.nip or self.regon):
                errors["nip"] = _("Podaj NIP lub REGON.")
        if errors:
            raise ValidationError(errors)
