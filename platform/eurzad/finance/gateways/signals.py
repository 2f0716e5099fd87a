"""Signals of online payment, for whoever must hear of them (the integration API's change
feed and webhooks) without the payment code knowing who listens.

``payment_completed`` is sent inside the transaction that books the payment, so a
receiver's writes commit, or roll back, with the booking; ``payment_closed`` when an
intent ends without a payment (failed, expired)."""

from django.dispatch import Signal

# sender=PaymentIntent; kwargs: intent (PaymentIntent), payment (eurzad.finance.models.Payment)
payment_completed = Signal()

# sender=PaymentIntent; kwargs: intent (PaymentIntent), status (its new status)
payment_closed = Signal()
