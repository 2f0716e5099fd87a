"""Registers the town keeps (a definition per register, editable without code) and their
entries; the municipal property offered for sale or lease.

A register's fields are data: each has a name, a label, a type and a public flag. Public
pages show and search only the public fields; the resident sees the whole entry of a Party
they act for. Entries come from the town's systems (CSV import), so each carries its
source and external id and re-imports update instead of duplicating.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from eurzad.core.postgresql.search import Folded, JsonbText, joined

FIELD_TYPES = ("text", "number", "date", "choice", "bool")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def validate_field_definitions(value: Any) -> None:
    """A list of {"name", "label", "type", "public", "choices"?, "required"?}."""
    if not isinstance(value, list):
        raise ValidationError(_("Pola rejestru to lista."))
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, dict):
            raise ValidationError(_("Każde pole to obiekt."))
        name = item.get("name", "")
        if not isinstance(name, str) or not FIELD_NAME.match(name):
            raise ValidationError(_("Nazwa pola %(name)r: małe litery, cyfry, _.") % {"name": name})
        if name in seen:
            raise ValidationError(_("Pole %(name)s powtarza się.") % {"name": name})
        seen.add(name)
        if item.get("type") not in FIELD_TYPES:
            raise ValidationError(
                _("Pole %(name)s: typ jeden z %(types)s.")
                % {"name": name, "types": ", ".join(FIELD_TYPES)}
            )
        if not isinstance(item.get("label", ""), str) or not item.get("label"):
            raise ValidationError(_("Pole %(name)s nie ma etykiety.") % {"name": name})
        if not isinstance(item.get("public", False), bool):
            raise ValidationError(_("Pole %(name)s: public to true/false.") % {"name": name})
        if item["type"] == "choice":
            choices = item.get("choices")
            if (
                not isinstance(choices, list)
                or not choices
                or not all(isinstance(choice, str) for choice in choices)
            ):
                raise ValidationError(_("Pole %(name)s: podaj listę wartości.") % {"name": name})


class RegisterDefinition(models.Model):
    """One register the town keeps, e.g. the alcohol sale permits."""

    name = models.CharField(_("nazwa"), max_length=200)
    slug = models.SlugField(_("adres (slug)"), max_length=80, unique=True)
    legal_basis = models.TextField(_("podstawa prawna"), blank=True)
    description = models.TextField(_("opis"), blank=True)
    fields = models.JSONField(
        _("pola"),
        default=list,
        blank=True,
        validators=[validate_field_definitions],
        help_text=_(
            'Np. [{"name": "adres", "label": "Adres punktu", "type": "text", "public": true}]. '
            "Typy: text, number, date, choice (z listą choices), bool."
        ),
    )
    retention_years = models.PositiveSmallIntegerField(_("okres przechowywania (lata)"), default=10)
    is_public = models.BooleanField(_("rejestr jawny"), default=True)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("rejestr")
        verbose_name_plural = _("rejestry")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def public_fields(self) -> list[dict[str, Any]]:
        return [item for item in self.fields if item.get("public")]

    def clean_values(self, values: Any) -> dict[str, Any]:
        """The entry's values checked against the fields: unknown names are refused, each
        value is stored as JSON of its type (dates as YYYY-MM-DD)."""
        if not isinstance(values, dict):
            raise ValidationError(_("Wartości to obiekt."))
        known = {item["name"]: item for item in self.fields}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValidationError(_("Nieznane pola: %(names)s.") % {"names": ", ".join(unknown)})
        cleaned: dict[str, Any] = {}
        for name, item in known.items():
            value = values.get(name)
            if value in (None, ""):
                if item.get("required"):
                    raise ValidationError(
                        _("Pole %(label)s jest wymagane.") % {"label": item["label"]}
                    )
                continue
            cleaned[name] = _typed(item, value)
        return cleaned


def _typed(item: dict[str, Any], value: Any) -> Any:
    kind, label = item["type"], item["label"]
    if kind == "text":
        return str(value).strip()
    if kind == "number":
        try:
            number = Decimal(str(value).replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValidationError(_("%(label)s: to nie liczba.") % {"label": label})
        return int(number) if number == number.to_integral_value() else str(number)
    if kind == "date":
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
            return day.isoformat()
        except ValueError:
            raise ValidationError(_("%(label)s: data RRRR-MM-DD.") % {"label": label}) from None
    if kind == "choice":
        if str(value) not in item["choices"]:
            raise ValidationError(_("%(label)s: wartość spoza listy.") % {"label": label})
        return str(value)
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "tak", "t", "yes"):
        return True
    if text in ("0", "false", "nie", "n", "no"):
        return False
    raise ValidationError(_("%(label)s: tak/nie.") % {"label": label})


def entry_text() -> Concat:
    """An entry's number and all its values (public or not) as one text. The entries'
    trigram index holds it folded: a search narrows by it, then checks the number and the
    public fields alone (eurzad.registers.queries.public_entries)."""
    return joined("number", JsonbText("values"))


# The property search's text fields, each with a trigram index (folded), by index name.
# The search indexes are written row by row (fastupdate off): GIN's pending list would
# make writes cheaper, but until a vacuum empties it every search reads all of it and
# the planner, seeing that, falls back to reading the whole table.
PROPERTY_TEXT_INDEXES = {
    "property_parcel_trgm": "parcel_number",
    "property_address_trgm": "address",
    "property_use_trgm": "use",
    "property_land_register_trgm": "land_register_number",
}
PROPERTY_TEXT_FIELDS = tuple(PROPERTY_TEXT_INDEXES.values())


class RegisterEntry(models.Model):
    """One entry of a register: a permit, a lease agreement…"""

    class State(models.TextChoices):
        ACTIVE = "active", _("obowiązujący")
        SUSPENDED = "suspended", _("zawieszony")
        EXPIRED = "expired", _("wygasły")
        REVOKED = "revoked", _("cofnięty")

    definition = models.ForeignKey(
        RegisterDefinition, on_delete=models.PROTECT, related_name="entries",
        verbose_name=_("rejestr"),
    )  # fmt: skip
    number = models.CharField(_("numer wpisu"), max_length=60)
    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, null=True, blank=True,
        related_name="register_entries", verbose_name=_("strona"),
    )  # fmt: skip
    values = models.JSONField(_("wartości"), default=dict, blank=True)
    valid_from = models.DateField(_("ważny od"), null=True, blank=True)
    valid_until = models.DateField(_("ważny do"), null=True, blank=True)
    state = models.CharField(_("stan"), max_length=10, choices=State.choices,
                             default=State.ACTIVE)  # fmt: skip
    source = models.CharField(_("źródło"), max_length=40, default="admin")
    external_id = models.CharField(_("identyfikator w systemie dziedzinowym"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("wpis w rejestrze")
        verbose_name_plural = _("wpisy w rejestrach")
        ordering = ["definition", "-valid_from", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="register_entry_unique_external"
            ),
            models.UniqueConstraint(
                fields=["definition", "number"], name="register_entry_unique_number"
            ),
        ]
        indexes = [
            models.Index(fields=["party", "definition"]),
            GinIndex(
                OpClass(Folded(entry_text()), name="gin_trgm_ops"),
                name="register_entry_text",
                fastupdate=False,  # see PROPERTY_TEXT_INDEXES
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition} – {self.number}"

    def clean(self) -> None:
        if self.definition_id is not None:
            try:
                self.values = self.definition.clean_values(self.values)
            except ValidationError as error:
                raise ValidationError({"values": error.messages}) from None
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Koniec przed początkiem.")})
        if not self.external_id:
            self.external_id = f"{self.definition_id}:{self.number}"

    def public_values(self) -> list[tuple[str, Any]]:
        """(label, value) of the public fields only, in the register's order."""
        return [
            (item["label"], self.values[item["name"]])
            for item in self.definition.public_fields
            if item["name"] in self.values
        ]

    def all_values(self) -> list[tuple[str, Any]]:
        return [
            (item["label"], self.values[item["name"]])
            for item in self.definition.fields
            if item["name"] in self.values
        ]


class Property(ClusterableModel):
    """A municipal property (a parcel, or a building on it) in the public search."""

    class Offer(models.TextChoices):
        SALE = "sale", _("na sprzedaż")
        LEASE = "lease", _("do dzierżawy / najmu")
        NONE = "none", _("nie jest oferowana")

    parcel_number = models.CharField(_("numer działki"), max_length=40)
    precinct = models.CharField(_("obręb"), max_length=80)
    area_m2 = models.DecimalField(
        _("powierzchnia (m²)"), max_digits=12, decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )  # fmt: skip
    land_register_number = models.CharField(
        _("numer księgi wieczystej"), max_length=20, blank=True,
        help_text=_("Np. LE1G/00012345/6."),
    )  # fmt: skip
    use = models.CharField(_("przeznaczenie / sposób użytkowania"), max_length=200, blank=True)
    offer = models.CharField(_("oferta"), max_length=5, choices=Offer.choices,
                             default=Offer.NONE)  # fmt: skip
    address = models.CharField(_("adres / położenie"), max_length=200, blank=True)
    description = models.TextField(_("opis"), blank=True)
    published = models.BooleanField(_("widoczna w wyszukiwarce"), default=True)
    source = models.CharField(_("źródło"), max_length=40, default="admin")
    external_id = models.CharField(
        _("identyfikator w systemie dziedzinowym"), max_length=100, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("parcel_number"),
        FieldPanel("precinct"),
        FieldPanel("area_m2"),
        FieldPanel("land_register_number"),
        FieldPanel("use"),
        FieldPanel("offer"),
        FieldPanel("address"),
        FieldPanel("description"),
        FieldPanel("published"),
        InlinePanel("photos", label=_("Zdjęcia")),
    ]

    class Meta:
        verbose_name = _("nieruchomość gminy")
        verbose_name_plural = _("mienie gminy")
        ordering = ["precinct", "parcel_number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~Q(external_id=""),
                name="property_unique_external",
            )
        ]
        # The search filters by obręb / offer and an area range and orders by obręb and
        # parcel: one composite index serves the listing, one the area range.
        indexes = [
            models.Index(
                fields=["precinct", "parcel_number", "id"],
                condition=Q(published=True),
                name="property_listing",
            ),
            models.Index(
                fields=["offer", "precinct", "parcel_number"],
                condition=Q(published=True),
                name="property_offer",
            ),
            models.Index(fields=["area_m2"], name="property_area"),
            # The text search: any of the fields contains the text (folded). One index
            # each: the scans of a single four-column GIN index are many times slower.
            *[
                GinIndex(
                    OpClass(Folded(field), name="gin_trgm_ops"),
                    condition=Q(published=True),
                    name=name,
                    fastupdate=False,
                )
                for name, field in PROPERTY_TEXT_INDEXES.items()
            ],
        ]

    def __str__(self) -> str:
        return _("działka %(parcel)s, obręb %(precinct)s") % {
            "parcel": self.parcel_number,
            "precinct": self.precinct,
        }


class PropertyPhoto(Orderable):
    property = ParentalKey(Property, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("zdjęcie"),
    )  # fmt: skip
    caption = models.CharField(_("opis zdjęcia (tekst alternatywny)"), max_length=200)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("zdjęcie")
        verbose_name_plural = _("zdjęcia")
