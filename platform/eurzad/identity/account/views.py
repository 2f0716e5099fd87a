"""Identity's pages of Mój e-Urząd (/konto/): the resident's own data and contact
preferences, the login history, and the mobile app's PIN and devices. Thin, each behind
``resident_required``; the area's shell is ``eurzad.portal``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eurzad.channels.receipt_view import receipt_pdf_download
from eurzad.core.account_area import render_account_page
from eurzad.core.private_files.delivery import private_download
from eurzad.core.query import PagedQuery, reads_query, requested_page
from eurzad.identity.access_request_receipts import (
    access_request_receipt as access_request_receipt_of,
)
from eurzad.identity.access_request_receipts import receipt_file_name
from eurzad.identity.account.forms import ContactPreferencesForm, PinForm
from eurzad.identity.account.services import (
    history_entry,
    login_history,
    own_access_requests,
    pairing_locked_until,
    represented_mandates,
    save_contact_preferences,
)
from eurzad.identity.acting import refuse_in_demo, resident_required
from eurzad.identity.models import AccessRequest, MobileDevice
from eurzad.identity.pin import revoke_device, set_pin
from eurzad.identity.requests import ResidentRequest

HISTORY_PER_PAGE = 25
MANDATES_PER_PAGE = 25
DEVICES_PER_PAGE = 25


@resident_required
@require_http_methods(["GET", "HEAD", "POST"])
@reads_query(PagedQuery)
def profile(request: ResidentRequest) -> HttpResponse:
    """Twoje dane: the resident's own Party, contact preferences, represented Parties (in
    pages: an accounting office may act for hundreds of firms)."""
    resident = request.resident
    if request.method == "POST":
        form = ContactPreferencesForm(request.POST)
        if form.is_valid():
            if save_contact_preferences(resident, **form.cleaned_data):
                messages.success(request, _("Zapisano preferencje kontaktu."))
            else:
                messages.info(
                    request,
                    _("Konto demonstracyjne: zmiany nie zostały zapisane."),
                )
            return redirect("account:profile")
    else:
        form = ContactPreferencesForm(
            initial={
                "email": resident.user.email,
                "notify_by_email": resident.notify_by_email,
                "notify_by_push": resident.notify_by_push,
            }
        )
    page = requested_page(request, represented_mandates(resident), MANDATES_PER_PAGE)
    mandates = [(mandate, mandate.party.masked_identifier) for mandate in page.object_list]
    return render_account_page(
        request,
        "identity/account/profile.html",
        {
            "party": resident.party,
            "form": form,
            "page": page,
            "mandates": mandates,
            "access_requests": own_access_requests(resident),
        },
    )


def _own_access_request_with_upo(request: ResidentRequest, request_id: int) -> AccessRequest:
    """The resident's own access request that holds a UPO; anyone else's gives 404."""
    return get_object_or_404(
        own_access_requests(request.resident).exclude(upo=""),
        pk=request_id,
    )


@resident_required
@require_http_methods(["GET", "HEAD"])
def access_request_receipt(request: ResidentRequest, request_id: int) -> HttpResponse:
    """The UPO of the resident's own access request received through ePUAP /
    e-Doręczenia, as a page: who, what, when, the document's digest, the signature."""
    access_request = _own_access_request_with_upo(request, request_id)
    receipt = access_request_receipt_of(access_request)
    if receipt is None:
        raise Http404
    return render_account_page(
        request,
        "identity/account/access_request_receipt.html",
        {"access_request": access_request, "receipt": receipt},
    )


@resident_required
@require_http_methods(["GET", "HEAD"])
def access_request_upo_pdf(request: ResidentRequest, request_id: int) -> HttpResponse:
    access_request = _own_access_request_with_upo(request, request_id)
    receipt = access_request_receipt_of(access_request)
    if receipt is None:
        raise Http404
    name = receipt_file_name(access_request, "pdf")
    return receipt_pdf_download(receipt, str(request.tenant), name)


@resident_required
@require_http_methods(["GET", "HEAD"])
def access_request_upo(request: ResidentRequest, request_id: int) -> HttpResponse:
    """The UPO (official acknowledgement of receipt) of the resident's own access request
    received through ePUAP / e-Doręczenia, as the XML it is; anyone else's gives 404."""
    access_request = _own_access_request_with_upo(request, request_id)
    filename = receipt_file_name(access_request, "xml")
    return private_download(access_request.upo, filename, "application/xml; charset=utf-8")


@resident_required
@require_http_methods(["GET", "HEAD"])
@reads_query(PagedQuery)
def login_history_view(request: ResidentRequest) -> HttpResponse:
    """Historia logowania: own login, PIN and device events, and staff views of own data."""
    page = requested_page(request, login_history(request.resident), HISTORY_PER_PAGE)
    entries = [history_entry(event) for event in page.object_list]
    return render_account_page(
        request, "identity/account/login_history.html", {"page": page, "entries": entries}
    )


@resident_required
@refuse_in_demo  # a shared demo account must not get one visitor's PIN
@require_http_methods(["GET", "HEAD", "POST"])
@reads_query(PagedQuery)
def mobile_app(request: ResidentRequest) -> HttpResponse:
    """Aplikacja mobilna: set or change the PIN; the paired devices, in pages (every
    pairing is one, and revoked ones stay listed)."""
    resident = request.resident
    form = PinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        had_pin = bool(resident.pin_hash)
        try:
            set_pin(resident, form.cleaned_data["pin"], request=request)
        except ValidationError as error:
            form.add_error("pin", error)
        else:
            messages.success(request, _("Zmieniono PIN.") if had_pin else _("Ustawiono PIN."))
            return redirect("account:mobile-app")
    return render_account_page(
        request,
        "identity/account/mobile_app.html",
        {
            "form": form,
            "has_pin": bool(resident.pin_hash),
            "locked_until": pairing_locked_until(resident),
            "page": requested_page(
                request, resident.devices.order_by("-paired_at", "-pk"), DEVICES_PER_PAGE
            ),
        },
    )


@resident_required
@refuse_in_demo
@require_POST
def revoke_device_view(request: ResidentRequest, device_id: int) -> HttpResponse:
    """Odłącz: only a device of the logged-in resident, in this town; else 404."""
    device = get_object_or_404(MobileDevice, pk=device_id, resident=request.resident)
    if device.revoked_at is None:
        revoke_device(device, request=request)
        messages.success(request, _("Odłączono urządzenie „%(name)s”.") % {"name": device.name})
    return redirect("account:mobile-app")
