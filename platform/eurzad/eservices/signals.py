"""What e-services tell the rest of the platform, and what they change for it.

``submission_filed`` (``submission=``): an application was filed, i.e. it is now
submitted, with its reference, digest and documents (and its case, when it is a Party's).
Sent once per application, inside the filing's transaction, so whatever a receiver writes
(a change feed entry, a webhook in an outbox) commits or rolls back with the filing.

Publishing, changing or removing a form (or a constant its formulas use) makes the
town's cached pages stale: the catalogue's service pages show "Załatw online" for the
forms that are live."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from eurzad.core.page_cache import town_changed
from eurzad.eservices.models import EServiceForm, FormConstant

submission_filed = Signal()


@receiver(post_save, sender=EServiceForm)
@receiver(post_delete, sender=EServiceForm)
@receiver(post_save, sender=FormConstant)
@receiver(post_delete, sender=FormConstant)
def forms_changed(**kwargs: object) -> None:
    town_changed()
