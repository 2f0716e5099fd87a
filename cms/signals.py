"""Anything editors publish makes the town's cached pages stale."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms.models import Alert, LifeSituation, ServiceCategory
from cms.page_cache import bump_generation


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
