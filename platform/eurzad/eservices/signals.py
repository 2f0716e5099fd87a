"""What e-services tell the rest of the platform.

``submission_filed`` (``submission=``): an application was filed, i.e. it is now
submitted, with its reference, digest and documents (and its case, when it is a Party's).
Sent once per application, inside the filing's transaction, so whatever a receiver writes
(a change feed entry, a webhook in an outbox) commits or rolls back with the filing."""

from __future__ import annotations

from django.dispatch import Signal

submission_filed = Signal()
