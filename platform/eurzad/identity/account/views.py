"""Views of Mój e-Urząd (/konto/): thin, each behind ``resident_required``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from eurzad.core.private_files.delivery import private_download
from eurzad.core.query import PagedQuery, reads_query
from eurzad.core.requests import TenantRequest
from eurzad.identity.account.forms import ActingPartyForm, ContactPreferencesForm, PinForm
from eurzad.identity.account.rendering import render_account_page
from eurzad.identity.account.services import (
    history_entry,
    login_history,
    own_access_requests,
    pairing_locked_until,
    party_identifier,
    represented_mandates,
    save_contact_preferences,
)
from eurzad.identity.acting import refuse_in_demo, resident_required, switch_acting_party
from eurzad.identity.models import MobileDevice
from eurzad.identity.pin import revoke_device, set_pin
from eurzad.identity.representation import active_mandates
from eurzad.identity.requests import ResidentRequest
from eurzad.notifications.models import Notification
from eurzad.notifications.services import mark_read

HISTORY_PER_PAGE = 25
NOTIFICATIONS_PER_PAGE = 20
PAGE_PARAMETER = "strona"


def _page(request: TenantRequest, items: Any, per_page: int) -> Page:
    """The page of ``items`` asked for by ``?strona=`` (checked by ``PagedQuery``)."""
    number = request.query.filters[PAGE_PARAMETER]
    return Paginator(items, per_page).get_page(number)


@resident_required
@require_http_methods(["GET", "HEAD"])
def home(request: ResidentRequest) -> HttpResponse:
    """Mój e-Urząd: whom the resident acts for, and the sections of the area."""
    acting = request.acting_party
    return render_account_page(
        request,
        "identity/account/home.html",
        {
            "acting": acting,
            "acting_identifier": party_identifier(acting) if acting else "",
            "acts_for_others": active_mandates(request.resident).exists(),
        },
    )


@resident_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: ResidentRequest) -> HttpResponse:
    """Twoje dane: the resident's own Party, contact preferences, represented Parties."""
    resident = request.resident
    if request.method == "POST":
        form = ContactPreferencesForm(request.POST)
        if form.is_valid():
            if save_contact_preferences(resident, **form.cleaned_data):
                messages.success(request, _("Zapisano preferencje kontaktu."))
            else:
                messages.info(
                    request,
                    _(
                        "Konto demonstracyjne: zmiany nie zostały zapisane "
                        "(demo account: changes are not saved)."
                    ),
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
    mandates = [
        (mandate, party_identifier(mandate.party)) for mandate in represented_mandates(resident)
    ]
    return render_account_page(
        request,
        "identity/account/profile.html",
        {
            "party": resident.party,
            "form": form,
            "mandates": mandates,
            "access_requests": own_access_requests(resident),
        },
    )


@resident_required
@require_http_methods(["GET", "HEAD"])
def access_request_upo(request: ResidentRequest, request_id: int) -> HttpResponse:
    """The UPO (official acknowledgement of receipt) of the resident's own access request
    received through ePUAP / e-Doręczenia; anyone else's gives 404."""
    access_request = get_object_or_404(
        own_access_requests(request.resident).exclude(upo=""),
        pk=request_id,
    )
    filename = f"UPO-{access_request.reference.replace('/', '-')}.xml"
    return private_download(access_request.upo, filename, "application/xml; charset=utf-8")


@resident_required
@require_http_methods(["GET", "HEAD"])
@reads_query(PagedQuery)
def login_history_view(request: ResidentRequest) -> HttpResponse:
    """Historia logowania: own login, PIN and device events, and staff views of own data."""
    page = _page(request, login_history(request.resident), HISTORY_PER_PAGE)
    entries = [history_entry(event) for event in page.object_list]
    return render_account_page(
        request, "identity/account/login_history.html", {"page": page, "entries": entries}
    )


@resident_required
@refuse_in_demo  # a shared demo account must not get one visitor's PIN
@require_http_methods(["GET", "HEAD", "POST"])
def mobile_app(request: ResidentRequest) -> HttpResponse:
    """Aplikacja mobilna: set or change the PIN; the paired devices."""
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
            "devices": resident.devices.all(),
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


@resident_required
@require_http_methods(["GET", "HEAD"])
@reads_query(PagedQuery)
def notifications(request: ResidentRequest) -> HttpResponse:
    """Powiadomienia: newest first, unread marked."""
    page = _page(
        request, Notification.objects.filter(recipient=request.user), NOTIFICATIONS_PER_PAGE
    )
    return render_account_page(request, "identity/account/notifications.html", {"page": page})


@resident_required
@require_http_methods(["GET", "HEAD"])
def notification(request: ResidentRequest, notification_id: int) -> HttpResponse:
    """One notification; opening it marks it read."""
    shown = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    if shown.is_unread:
        mark_read(request.user, [shown.pk])
    return render_account_page(
        request,
        "identity/account/notification.html",
        {"notification": shown, "link": _safe_link(request, shown.link)},
    )


@resident_required
@require_POST
def mark_all_read(request: ResidentRequest) -> HttpResponse:
    """Oznacz wszystkie jako przeczytane."""
    if mark_read(request.user):
        messages.success(request, _("Oznaczono wszystkie powiadomienia jako przeczytane."))
    return redirect("account:notifications")


@never_cache
@resident_required
@require_POST
def act_as(request: ResidentRequest) -> HttpResponse:
    """Switch the acting Party (the header's "Działasz jako"), then go back."""
    form = ActingPartyForm(request.POST)
    party = None
    if form.is_valid():
        party = switch_acting_party(request, request.resident, form.cleaned_data["party"])
    if party is None:
        messages.error(
            request,
            _(
                "Nie możesz działać w imieniu tej osoby – nie masz ważnego upoważnienia "
                "(you cannot act for this person: you hold no valid mandate)."
            ),
        )
    else:
        messages.success(request, _("Działasz teraz jako: %(name)s.") % {"name": party})
    back = form.data.get("next", "")
    if not _is_safe(request, back):
        return redirect("account:home")
    return redirect(back)


def _is_safe(request: HttpRequest, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _safe_link(request: HttpRequest, link: str) -> str:
    """A notification's link, shown only if it stays on this town's host."""
    return link if _is_safe(request, link) else ""
