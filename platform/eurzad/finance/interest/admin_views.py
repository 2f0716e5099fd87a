"""The table of statutory interest rates in a town's admin, for the town's finance staff:
read only — the platform's operators keep one table for every town (the operator
console), and each town's interest is calculated from it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.finance.interest.table import histories

#: Who sees the table: whoever may see the town's kinds of obligations (each names the
#: interest it is charged) — the "Finanse" staff group — and superusers.
VIEW_PERMISSION = "finance.view_obligationkind"


def may_view(request: HttpRequest) -> bool:
    return request.user.has_perm(VIEW_PERMISSION)


def interest_rates(request: HttpRequest) -> HttpResponse:
    if not may_view(request):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "interest/admin/rates.html",
        {
            "page_title": _("Stawki odsetek"),
            "header_icon": "decimal",
            "tables": histories(timezone.localdate()),
        },
    )
