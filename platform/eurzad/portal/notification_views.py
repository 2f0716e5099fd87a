"""Pages of the resident area about notifications (under ``/konto/powiadomienia/``): the
inbox, one notification, and the settings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eurzad.core.account_area import render_account_page
from eurzad.core.query import PagedQuery, reads_query, requested_page
from eurzad.core.redirects import same_host_url
from eurzad.identity.acting import resident_required
from eurzad.identity.requests import ResidentRequest
from eurzad.notifications.forms import PreferencesForm
from eurzad.notifications.models import Notification
from eurzad.notifications.preferences import choices, language_for, save_preferences
from eurzad.notifications.services import mark_read

NOTIFICATIONS_PER_PAGE = 20


@resident_required
@require_http_methods(["GET", "HEAD"])
@reads_query(PagedQuery)
def inbox(request: ResidentRequest) -> HttpResponse:
    """Powiadomienia: newest first, unread marked."""
    page = requested_page(
        request, Notification.objects.filter(recipient=request.user), NOTIFICATIONS_PER_PAGE
    )
    return render_account_page(request, "notifications/inbox.html", {"page": page})


@resident_required
@require_http_methods(["GET", "HEAD"])
def notification(request: ResidentRequest, notification_id: int) -> HttpResponse:
    """One notification; opening it marks it read. Its link is shown only if it stays on
    this town's host."""
    shown = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    if shown.is_unread:
        mark_read(request.user, [shown.pk])
    return render_account_page(
        request,
        "notifications/notification.html",
        {"notification": shown, "link": same_host_url(request, shown.link)},
    )


@resident_required
@require_POST
def mark_all_read(request: ResidentRequest) -> HttpResponse:
    """Oznacz wszystkie jako przeczytane."""
    if mark_read(request.user):
        messages.success(request, _("Oznaczono wszystkie powiadomienia jako przeczytane."))
    return redirect("account:notifications")


@resident_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: ResidentRequest) -> HttpResponse:
    """Ustawienia powiadomień: the language, and e-mail and push per kind."""
    resident = request.resident
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            if save_preferences(
                resident, language=form.cleaned_data["language"], chosen=form.chosen()
            ):
                messages.success(request, _("Zapisano ustawienia powiadomień."))
            else:
                messages.info(
                    request,
                    _("Konto demonstracyjne: zmiany nie zostały zapisane."),
                )
            return redirect("notifications:preferences")
    else:
        form = PreferencesForm(
            initial=PreferencesForm.initial_from(language_for(resident.user), choices(resident))
        )
    return render_account_page(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "email_on": resident.notify_by_email and bool(resident.user.email),
            "push_on": resident.notify_by_push,
        },
    )
