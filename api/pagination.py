"""Lists of the API come in pages: ``?strona=2&na_stronie=50`` (at most 200)."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    page_query_param = "strona"
    page_size_query_param = "na_stronie"
    page_size = 25
    max_page_size = 200
