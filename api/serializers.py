"""Serializers shared by every part of the API."""

from __future__ import annotations

from rest_framework import serializers


class ProblemSerializer(serializers.Serializer):
    """An error as RFC 9457 problem details (``application/problem+json``)."""

    type = serializers.URLField(help_text="Rodzaj problemu (stały adres).")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Błędy pól danych wejściowych: nazwa pola → lista komunikatów.",
    )
