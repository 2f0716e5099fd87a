"""A changed rate or threshold is seen at once: the cached table is dropped."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from eurzad.finance.interest.models import InterestRate, InterestThreshold
from eurzad.finance.interest.rates import forget_rates


@receiver([post_save, post_delete], sender=InterestRate)
@receiver([post_save, post_delete], sender=InterestThreshold)
def rates_changed(**_kwargs: Any) -> None:
    forget_rates()
    transaction.on_commit(forget_rates)  # and again once readers can see the change
