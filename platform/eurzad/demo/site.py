"""The demo towns' public sites: news, alerts, service catalogue, contact, legal pages,
feedback form and an English home page. Creates what is missing and keeps what editors
changed; only the demo alerts' dates are moved to stay around "now"."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale, Page

from cms.models import (
    AccessibilityStatementPage,
    Alert,
    ContactPage,
    FeedbackFormField,
    FeedbackFormPage,
    HomePage,
    LifeSituation,
    NewsIndexPage,
    NewsPage,
    PrivacyPage,
    ServiceCatalogueIndexPage,
    ServiceCategory,
    ServicePage,
    StandardPage,
)
from eurzad.demo import content
from eurzad.demo.images import illustration_for
from eurzad.demo.towns import DemoTown

HIGHLIGHTED_SERVICES = 4


def build_public_site(home: HomePage, town: DemoTown) -> None:
    key = town.subdomain
    news_index = _child(
        home,
        NewsIndexPage,
        "aktualnosci",
        title="Aktualności",
        intro=f"Wiadomości i komunikaty – {town.official_name}.",
        show_in_menus=True,
    )
    for item in content.NEWS[key]:
        _news(news_index, item)
    catalogue = _child(
        home,
        ServiceCatalogueIndexPage,
        "katalog-uslug",
        title="Katalog usług",
        intro="Sprawy, które załatwisz w urzędzie: czego potrzebujesz, ile to kosztuje "
        "i jak złożyć wniosek – przez ePUAP, e-Doręczenia, w e-Urzędzie albo osobiście.",
        show_in_menus=True,
    )
    _taxonomy()
    services = [_service(catalogue, service, town) for service in content.SERVICES]
    contact_data = content.CONTACT[key]
    _child(
        home,
        ContactPage,
        "kontakt",
        title="Kontakt",
        intro=contact_data["intro"],
        departments=[("department", department) for department in contact_data["departments"]],
        map_url=contact_data["map_url"],
        payment_note=contact_data["bank_account_note"],
        show_in_menus=True,
    )
    _feedback_form(home, town)
    _accessibility_statement(home, town)
    privacy = content.PRIVACY[key]
    _child(
        home,
        PrivacyPage,
        "ochrona-danych",
        title="Ochrona danych osobowych",
        controller=privacy["controller"],
        dpo_email=privacy["dpo_email"],
        dpo_address=privacy["dpo_address"],
        clause=privacy["clause"],
    )
    if key == "glogow":
        for section in content.GLOGOW_PUBLIC_SECTIONS:
            _child(
                home,
                StandardPage,
                section["slug"],
                title=section["title"],
                intro=section["intro"],
                body=[("paragraph", section["body"])],
                show_in_menus=True,
            )
    _home_blocks(home, services)
    _alerts(key)
    _english_home(home, town)


def _child(parent: Page, model: type[Page], slug: str, **fields: object) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _news(index: NewsIndexPage, item: dict) -> None:
    if NewsPage.objects.child_of(index).filter(slug=item["slug"]).exists():
        return
    page = NewsPage(
        title=item["title"],
        slug=item["slug"],
        date=timezone.localdate() - timedelta(days=item["days_ago"]),
        lead=item["lead"],
        body=[("paragraph", item["body"])],
        image=illustration_for(item["tags"]),
    )
    index.add_child(instance=page)
    page.tags.add(*item["tags"])
    page.save_revision().publish()


def _taxonomy() -> None:
    for category in content.CATEGORIES:
        ServiceCategory.objects.get_or_create(
            slug=category["slug"],
            defaults={"name": category["name"], "description": category["description"]},
        )
    for situation in content.LIFE_SITUATIONS:
        LifeSituation.objects.get_or_create(
            slug=situation["slug"], defaults={"name": situation["name"]}
        )


def _service(catalogue: ServiceCatalogueIndexPage, data: dict, town: DemoTown) -> ServicePage:
    existing = ServicePage.objects.child_of(catalogue).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing
    epuap_form_url = (
        f"https://epuap.gov.pl/wps/portal/strefa-klienta/katalog-spraw?urzad={town.subdomain}"
    )
    page = ServicePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        purpose=data["purpose"],
        eligibility=data["eligibility"],
        documents=data["documents"],
        fees=data["fees"],
        deadlines=data["deadlines"],
        channels=[
            (
                "channel",
                {
                    "kind": channel["kind"],
                    "label": channel["label"],
                    "url": channel["url"].replace("{epuap_form_url}", epuap_form_url),
                },
            )
            for channel in data["channels"]
        ],
        legal_basis=data["legal_basis"],
        department=data["department"].replace("{office}", town.office_name),
    )
    catalogue.add_child(instance=page)
    page.categories.set(ServiceCategory.objects.filter(slug__in=data["categories"]))
    page.life_situations.set(LifeSituation.objects.filter(slug__in=data["life_situations"]))
    page.save_revision().publish()
    return page


def _feedback_form(home: HomePage, town: DemoTown) -> None:
    form = content.FEEDBACK_FORM
    if FeedbackFormPage.objects.child_of(home).exists():
        return
    page = FeedbackFormPage(
        title=form["title"],
        slug="opinia",
        intro=form["intro"],
        thank_you_text=form["thank_you"],
        to_address=town.email,
        from_address=f"e-urzad@{town.subdomain}.example",
        subject=f"Nowa opinia o e-Urzędzie – {town.official_name}",
        show_in_menus=True,
    )
    for order, field in enumerate(form["fields"]):
        page.form_fields.add(
            FeedbackFormField(
                sort_order=order,
                label=field["label"],
                field_type=field["field_type"],
                required=field["required"],
                choices=field.get("choices", ""),
                help_text=field.get("help_text", ""),
            )
        )
    home.add_child(instance=page)
    page.save_revision().publish()


def _accessibility_statement(home: HomePage, town: DemoTown) -> None:
    data = content.ACCESSIBILITY[town.subdomain]
    today = timezone.localdate()
    _child(
        home,
        AccessibilityStatementPage,
        "deklaracja-dostepnosci",
        title="Deklaracja dostępności",
        entity_name=data["entity_name"],
        website_url=f"http://{town.subdomain}.localhost/",
        publication_date=today - timedelta(days=data["publication_days_ago"]),
        update_date=today - timedelta(days=data["update_days_ago"]),
        compliance=data["compliance"],
        non_accessible_content=data["non_accessible_content"],
        exemptions=data["exemptions"],
        preparation_date=today - timedelta(days=data["update_days_ago"]),
        review_date=today - timedelta(days=data["update_days_ago"]),
        preparation_method=data["preparation_method"],
        keyboard_shortcuts=data["keyboard_shortcuts"],
        feedback_contact=data["feedback_contact"],
        feedback_email=data["feedback_email"],
        feedback_phone=data["feedback_phone"],
        enforcement_procedure=data["enforcement_procedure"],
        architectural_accessibility=data["architectural_accessibility"],
        mobile_apps=data["mobile_apps"],
        additional_info=data["additional_info"],
    )


def _home_blocks(home: HomePage, services: list[ServicePage]) -> None:
    if home.quick_links:
        return
    home.quick_links = [
        ("link", {"title": link["title"], "description": link["description"], "path": link["path"]})
        for link in content.HOME_QUICK_LINKS
    ]
    home.highlighted_services = [
        ("service", service) for service in services[:HIGHLIGHTED_SERVICES]
    ]
    home.save_revision().publish()


def _alerts(key: str) -> None:
    now = timezone.now()
    for alert in content.ALERTS[key]:
        Alert.objects.update_or_create(
            title=alert["title"],
            defaults={
                "message": alert["message"],
                "severity": alert["severity"],
                "area": alert["area"],
                "valid_from": now + timedelta(days=alert["starts_in_days"]),
                "valid_until": now + timedelta(days=alert["ends_in_days"]),
            },
        )


def _english_home(home: HomePage, town: DemoTown) -> None:
    english, _created = Locale.objects.get_or_create(language_code="en")
    if home.get_translation_or_none(english) is not None:
        return
    translation = home.copy_for_translation(english)
    translation.title = town.official_name
    translation.hero_title = f"e-Urząd – {town.official_name}"
    translation.hero_text = (
        "Check your local taxes and fees, pay them online with no commission and follow "
        "your cases at the municipal office. Most services are described in Polish; "
        "use the language switch at the top of every page."
    )
    translation.quick_links = []
    translation.highlighted_services = []
    translation.body = []
    translation.save_revision().publish()
