"""Anything editors publish (or move, delete, or make private) makes the town's cached pages and its
remembered site, menu and alerts stale; an alert going live is pushed to the town's
browsers and phones."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.alert_push import push_when_due
from cms.models import Alert, LifeSituation, ServiceCategory
from eurzad.core.page_cache import town_changed


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def page_changed(**kwargs: object) -> None:
    town_changed()


@receiver(post_delete)
def page_deleted(sender: type, **kwargs: object) -> None:
    if issubclass(sender, Page):
        town_changed()


@receiver(post_save, sender=Alert)
@receiver(post_delete, sender=Alert)
@receiver(post_save, sender=ServiceCategory)
@receiver(post_delete, sender=ServiceCategory)
@receiver(post_save, sender=LifeSituation)
@receiver(post_delete, sender=LifeSituation)
def snippet_changed(**kwargs: object) -> None:
    town_changed()


@receiver(post_save, sender=Alert, dispatch_uid="push-alert-saved")
def alert_saved(sender: type[Alert], instance: Alert, **kwargs: object) -> None:
    """An alert has no draft state: it is published while its window is open. Saved
    active, it is pushed now; saved with a later start, a task waits for the start."""
    push_when_due(instance)
