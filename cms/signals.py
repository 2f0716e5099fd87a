"""Anything editors publish makes the town's cached pages stale; an alert going live is
pushed to the town's browsers and phones."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms.alert_push import push_when_due
from cms.models import Alert, LifeSituation, ServiceCategory
from eurzad.core.page_cache import bump_generation


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(**kwargs: object) -> None:
    bump_generation()


@receiver(post_delete)
def page_deleted(sender: type, **kwargs: object) -> None:
    if issubclass(sender, Page):
        bump_generation()


@receiver(post_save, sender=Alert)
@receiver(post_delete, sender=Alert)
@receiver(post_save, sender=ServiceCategory)
@receiver(post_delete, sender=ServiceCategory)
@receiver(post_save, sender=LifeSituation)
@receiver(post_delete, sender=LifeSituation)
def snippet_changed(**kwargs: object) -> None:
    bump_generation()


@receiver(post_save, sender=Alert, dispatch_uid="push-alert-saved")
def alert_saved(sender: type[Alert], instance: Alert, **kwargs: object) -> None:
    """An alert has no draft state: it is published while its window is open. Saved
    active, it is pushed now; saved with a later start, a task waits for the start."""
    push_when_due(instance)
