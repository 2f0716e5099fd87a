"""Page types and snippets of a town's public site."""

from cms.models.alerts import Alert, AlertBroadcast
from cms.models.contact import ContactPage
from cms.models.editorial import EditorialSettings
from cms.models.feedback import FeedbackFormField, FeedbackFormPage
from cms.models.home import HomePage
from cms.models.legal import AccessibilityStatementPage, PrivacyPage
from cms.models.news import NewsIndexPage, NewsPage, NewsPageTag
from cms.models.pages import StandardPage
from cms.models.search import SearchDocument
from cms.models.services import (
    LifeSituation,
    ServiceCatalogueIndexPage,
    ServiceCategory,
    ServicePage,
)

__all__ = [
    "AccessibilityStatementPage",
    "Alert",
    "AlertBroadcast",
    "ContactPage",
    "EditorialSettings",
    "FeedbackFormField",
    "FeedbackFormPage",
    "HomePage",
    "LifeSituation",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PrivacyPage",
    "SearchDocument",
    "ServiceCatalogueIndexPage",
    "ServiceCategory",
    "ServicePage",
    "StandardPage",
]
