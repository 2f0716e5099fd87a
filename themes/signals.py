"""The town's branding, or an image it may show (the coat of arms) or one of its renditions,
changed: every page of the town, cached or being built from the town's remembered branding,
is stale."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model

from eurzad.core.page_cache import town_changed
from themes.models import BrandingSettings


@receiver(post_save, sender=BrandingSettings)
@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
@receiver(post_delete, sender=get_image_model().get_rendition_model())
def branding_changed(**kwargs: object) -> None:
    town_changed()
