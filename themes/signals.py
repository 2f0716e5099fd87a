from django.db.models.signals import post_save
from django.dispatch import receiver

from eurzad.core.page_cache import bump_generation
from themes.models import BrandingSettings


@receiver(post_save, sender=BrandingSettings)
def branding_changed(**kwargs: object) -> None:
    bump_generation()
