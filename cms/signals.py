"""Anything editors publish makes the town's cached pages stale."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms.page_cache import bump_generation


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(**kwargs: object) -> None:
    bump_generation()


@receiver(post_delete)
def page_deleted(sender: type, **kwargs: object) -> None:
    if issubclass(sender, Page):
        bump_generation()
