"""Staff review of access requests in the Wagtail admin: the list (due dates, overdue
highlighted) and one request with the decision form. Opening a request records a view of
the applicant's personal data in the audit log."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.channels.receipt_view import receipt_pdf_download
from eurzad.core.private_files.delivery import private_download
from eurzad.core.query import PageNumberField, QueryForm, reads_query
from eurzad.core.requests import TenantRequest
from eurzad.identity.access_request_receipts import access_request_receipt, receipt_file_name
from eurzad.identity.access_requests import DecisionRefused, decide_access_request
from eurzad.identity.models import AccessRequest
from eurzad.parties.models import Party

REVIEW_PERMISSION = "identity.review_accessrequest"


def _require_reviewer(request: HttpRequest) -> None:
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied


class AccessRequestQuery(QueryForm):
    """The reviewers' list: ?stan=&p= (by default the requests waiting for a decision)."""

    stan = forms.ChoiceField(required=False, label=gettext_lazy("Stan wniosków"),
                             choices=[("", ""), *AccessRequest.Status.choices])  # fmt: skip
    p = PageNumberField()


@reads_query(AccessRequestQuery)
def access_request_index(request: TenantRequest) -> HttpResponse:
    _require_reviewer(request)
    filters = request.query.filters
    status = filters["stan"] or AccessRequest.Status.SUBMITTED
    requests = AccessRequest.objects.filter(status=status).order_by("due_on", "pk")
    page = Paginator(requests, 50).get_page(filters["p"])
    return TemplateResponse(
        request,
        "identity/admin/access_request_index.html",
        {
            "page_title": _("Wnioski o dostęp"),
            "header_icon": "user",
            "page_obj": page,
            "status": status,
            "statuses": AccessRequest.Status.choices,
            "today": timezone.localdate(),
        },
    )


def access_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reviewer(request)
    access_request = get_object_or_404(AccessRequest, pk=pk)
    if request.method == "POST":
        approve = request.POST.get("decision") == "approve"
        granted = [int(v) for v in request.POST.getlist("granted") if v.isdigit()]
        try:
            decide_access_request(
                access_request,
                staff=request.user,
                approve=approve,
                reason=request.POST.get("reason", ""),
                granted=granted,
                request=request,
            )
        except DecisionRefused as refusal:
            messages.error(request, " ".join(refusal.messages))
            return redirect("identity_access_request", pk=pk)
        messages.success(
            request,
            _("Wniosek %(reference)s zatwierdzony; wnioskodawca dostał powiadomienie.")
            % {"reference": access_request.reference}
            if approve
            else _("Wniosek %(reference)s odrzucony; wnioskodawca dostał uzasadnienie.")
            % {"reference": access_request.reference},
        )
        return redirect("identity_access_requests")
    record(
        AuditEvent.Action.PERSONAL_DATA_VIEWED,
        request=request,
        party=Party.objects.filter(pesel=access_request.pesel).first(),
        method="admin",
        what="access_request",
        reference=access_request.reference,
    )
    return TemplateResponse(
        request,
        "identity/admin/access_request_detail.html",
        {
            "page_title": _("Wniosek o dostęp %(reference)s")
            % {"reference": access_request.reference},
            "header_icon": "user",
            "access_request": access_request,
            "authorisations": access_request.authorisations.all(),
            "receipt": access_request_receipt(access_request),
        },
    )


def access_request_upo(request: TenantRequest, pk: int, extension: str) -> HttpResponse:
    """The request's UPO for the reviewer: the readable PDF, or the XML as received."""
    _require_reviewer(request)
    if extension not in {"pdf", "xml"}:
        raise Http404
    access_request = get_object_or_404(AccessRequest.objects.exclude(upo=""), pk=pk)
    name = receipt_file_name(access_request, extension)
    if extension == "xml":
        return private_download(access_request.upo, name, "application/xml; charset=utf-8")
    receipt = access_request_receipt(access_request)
    if receipt is None:
        raise Http404
    return receipt_pdf_download(receipt, str(request.tenant), name)
