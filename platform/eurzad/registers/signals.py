"""Changing a register, an entry or a property makes the town's cached public pages
stale (/rejestry/ and /mienie/ go through the anonymous page cache)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from eurzad.core.page_cache import bump_generation
from eurzad.registers.models import Property, PropertyPhoto, RegisterDefinition, RegisterEntry


@receiver(post_save, sender=RegisterDefinition)
@receiver(post_delete, sender=RegisterDefinition)
@receiver(post_save, sender=RegisterEntry)
@receiver(post_delete, sender=RegisterEntry)
@receiver(post_save, sender=Property)
@receiver(post_delete, sender=Property)
@receiver(post_save, sender=PropertyPhoto)
@receiver(post_delete, sender=PropertyPhoto)
def register_changed(**kwargs: object) -> None:
    bump_generation()
