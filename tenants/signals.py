from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tenants.models import Domain, Municipality
from tenants.routing import routing_cache


@receiver(post_save, sender=Domain)
@receiver(post_delete, sender=Domain)
@receiver(post_save, sender=Municipality)
@receiver(post_delete, sender=Municipality)
def forget_cached_routing(**kwargs: object) -> None:
    # Now, for this process and the rest of this transaction; and again after commit,
    # so that no other process caches what it read before the change was committed.
    routing_cache.invalidate()
    transaction.on_commit(routing_cache.invalidate)
