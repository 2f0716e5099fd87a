"""Publishing, changing or removing a form (or a constant its formulas use) makes the
town's cached pages stale: the catalogue's service pages show "Załatw online" for the
forms that are live."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from eurzad.core.page_cache import town_changed
from eurzad.eservices.models import EServiceForm, FormConstant


@receiver(post_save, sender=EServiceForm)
@receiver(post_delete, sender=EServiceForm)
@receiver(post_save, sender=FormConstant)
@receiver(post_delete, sender=FormConstant)
def forms_changed(**kwargs: object) -> None:
    town_changed()
