"""Serializers shared by every part of the API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request


class ProblemSerializer(serializers.Serializer):
    """An error as RFC 9457 problem details (``application/problem+json``)."""

    type = serializers.URLField(help_text="Rodzaj problemu (stały adres).")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    # a declared field: DRF's metaclass takes it off the class
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Błędy pól danych wejściowych: nazwa pola → lista komunikatów.",
    )


def checked_query(query: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """The request's query parameters as the serializer ``query`` reads them; a 400
    problem naming the parameter when one is wrong."""
    found = query(data=request.query_params)
    found.is_valid(raise_exception=True)
    return dict(found.validated_data)
