"""Lists of the API come in pages: ``?strona=2&na_stronie=50`` (at most 200).

Both parameters are checked like every other query parameter of the API: a value that
is not a whole number in range (``na_stronie=null``, ``strona=0``, ``strona=-1``,
``na_stronie=500``) is refused with 400 naming the parameter, never silently replaced
by a default. A page past the last one is 404 (it does not exist)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


class PageQuery(serializers.Serializer):
    """The paging parameters of a list."""

    strona = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Numer strony listy, od 1.")
    )
    na_stronie = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE,
        help_text=_("Ile pozycji na stronie, 1–200 (domyślnie 25)."),
    )  # fmt: skip


class Pages(PageNumberPagination):
    page_query_param = "strona"
    page_size_query_param = "na_stronie"
    page_size = PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()  # a page is a number, as the schema says

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        PageQuery(data=request.query_params).is_valid(raise_exception=True)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": name,
                "required": False,
                "in": "query",
                "description": str(field.help_text),
                "schema": _integer_schema(field),
            }
            for name, field in PageQuery().fields.items()
        ]


def _integer_schema(field: serializers.Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "integer"}
    assert isinstance(field, serializers.IntegerField)  # PageQuery has integers only
    if field.min_value is not None:
        schema["minimum"] = field.min_value
    if field.max_value is not None:
        schema["maximum"] = field.max_value
    return schema
