"""What the tester makes the payer do on a simulated gateway's payment page: the same
choices on every simulator, each played out as that gateway documents it."""

from __future__ import annotations

__all__ = ["CHOICES", "PAID"]

CHOICES = [
    ("pay", "Zapłać (sukces)"),
    ("refuse", "Odrzuć płatność (porażka)"),
    ("back", "Wróć bez płacenia (porzucenie)"),
    ("delayed", "Zapłać, powiadomienie później"),
    ("duplicated", "Zapłać, powiadomienie dwa razy"),
]
# The choices in which the payer pays.
PAID = {"pay", "delayed", "duplicated"}
