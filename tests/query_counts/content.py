"""A town's public content grown to ``size``: news, active alerts, services in the
catalogue, budget years and lines, and a municipal property with ``size`` photos (each its
own image); and a page of every type."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils import timezone
from django_tenants.utils import schema_context
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from cms.models import (
    Alert,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ServiceCatalogueIndexPage,
    ServicePage,
    StandardPage,
)
from cms.models.services import ServiceCategory
from eurzad.registers.budget.models import BudgetLine, BudgetYear
from eurzad.registers.models import Property, PropertyPhoto

BUDGET_YEAR = 2050  # the newest of the budget years made here (none is real)


def grow_news(size: int) -> None:
    """At least ``size`` news “Komunikat nr …” (tagged “komunikat”) in the current town."""
    index = NewsIndexPage.objects.get()
    image = NewsPage.objects.exclude(image=None).first().image
    for number in range(NewsPage.objects.filter(slug__startswith="komunikat-").count(), size):
        page = NewsPage(
            title=f"Komunikat nr {number}",
            slug=f"komunikat-{number}",
            lead="Krótki komunikat.",
            body=[("paragraph", "<p>Treść komunikatu.</p>")],
            image=image,
            date=timezone.localdate() - timedelta(days=number % 30),
        )
        index.add_child(instance=page)
        page.tags.add("komunikat", f"temat-{number % 7}")
        page.save_revision().publish()


def grow_alerts(size: int) -> None:
    """At least ``size`` active alerts in the current town."""
    for number in range(Alert.objects.active().count(), size):
        Alert.objects.create(
            title=f"Ostrzeżenie {number}",
            message="Uwaga.",
            area=f"sołectwo {number}",
            valid_until=timezone.now() + timedelta(days=1),
        )


def _services(size: int) -> None:
    catalogue = ServiceCatalogueIndexPage.objects.get()
    categories = list(ServiceCategory.objects.all()[:2])
    for number in range(ServicePage.objects.filter(slug__startswith="usluga-").count(), size):
        page = ServicePage(
            title=f"Usługa nr {number}",
            slug=f"usluga-{number}",
            summary="Wniosek o coś, co urząd załatwia.",
            purpose="<p>Do czego służy.</p>",
            department="Referat Organizacyjny",
        )
        catalogue.add_child(instance=page)
        page.categories.set(categories)
        page.save_revision().publish()


def _budget(size: int) -> None:
    """``size`` budget years; the newest with ``size`` lines in dział 801 on each side."""
    for year in range(BUDGET_YEAR - size + 1, BUDGET_YEAR + 1):
        BudgetYear.objects.get_or_create(year=year)
    newest = BudgetYear.objects.get(year=BUDGET_YEAR)
    for number in range(newest.lines.filter(side=BudgetLine.Side.INCOME).count(), size):
        for side in BudgetLine.Side.values:
            BudgetLine.objects.create(
                budget_year=newest,
                side=side,
                dzial="801",
                rozdzial=f"801{number:02d}",
                paragraf="4010",
                description=f"Pozycja {number}",
                planned=Decimal("1000.00") * (number + 1),
                executed=Decimal("500.00"),
            )


def _standard_page() -> None:
    """The demo towns have none; the page type is counted all the same."""
    if StandardPage.objects.exists():
        return
    home = HomePage.objects.filter(locale__language_code="pl").first() or HomePage.objects.first()
    page = StandardPage(
        title="Strona zwykła",
        slug="strona-zwykla",
        intro="Wprowadzenie.",
        body=[("paragraph", "<p>Treść strony.</p>")],
    )
    home.add_child(instance=page)
    page.save_revision().publish()


def _image(title: str) -> AbstractImage:
    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), "#2e6b30").save(buffer, format="PNG")
    image = get_image_model()(title=title, description=f"Zdjęcie: {title}")
    image.file = ImageFile(buffer, name="zdjecie.png")
    image.save()
    return image


def _photographed_property(size: int, marker: str) -> int:
    found = Property.objects.create(
        parcel_number=f"{marker}/{size}",
        precinct="Zembrzyce",
        area_m2=Decimal("1200.00"),
        use="działka budowlana",
        offer=Property.Offer.SALE,
        address="ul. Polna",
    )
    for number in range(size):
        PropertyPhoto.objects.create(
            property=found, image=_image(f"{marker} działka {number}"), caption=f"Widok {number}"
        )
    return found.pk


def grow_public_content(schema: str, size: int, marker: str) -> int:
    """At least ``size`` news, alerts and services in the town; a new property with
    ``size`` photos, whose id is returned."""
    with schema_context(schema):
        grow_news(size)
        grow_alerts(size)
        _services(size)
        _budget(size)
        _standard_page()
        return _photographed_property(size, marker)
