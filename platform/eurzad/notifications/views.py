"""Pages of the resident area about notifications (under ``/konto/powiadomienia/``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eurzad.identity.account.rendering import render_account_page
from eurzad.identity.acting import resident_required
from eurzad.identity.requests import ResidentRequest
from eurzad.notifications.forms import PreferencesForm
from eurzad.notifications.preferences import choices, language_for, save_preferences


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
                    _(
                        "Konto demonstracyjne: zmiany nie zostały zapisane "
                        "(demo account: changes are not saved)."
                    ),
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
