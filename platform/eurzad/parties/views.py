"""Choosing a Party in the Wagtail admin: a searchable, paginated modal instead of a select
over every Party the town knows (tens of thousands in a town).

The list shows names, the masked identifier and the town; a full PESEL is never shown.
Staff find a person by name, by the last digits of the masked identifier, or by typing the
whole PESEL / NIP / REGON they have in front of them (matched exactly, still shown masked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet

from eurzad.core.masking import mask
from eurzad.parties.models import Party

# Staff who edit something that names a Party may choose one; nobody else may browse them.
CHOOSER_PERMISSIONS = (
    "cases.add_case",
    "cases.change_case",
    "registers.add_registerentry",
    "registers.change_registerentry",
)

# The masked identifier keeps the last 4 digits (PESEL, REGON) or 3 (NIP); fewer than 3
# digits would match half the town.
VISIBLE_DIGITS = 4
VISIBLE_NIP_DIGITS = 3
MIN_SUFFIX_DIGITS = 3


def may_choose_parties(user: Any) -> bool:
    return any(user.has_perm(permission) for permission in CHOOSER_PERMISSIONS)


def masked_identifier(party: Party) -> str:
    """The identifier a clerk recognises a Party by, masked."""
    if party.pesel:
        return party.masked_pesel
    if party.nip:
        return f"NIP {party.masked_nip}"
    if party.regon:
        return f"REGON {mask(party.regon, visible=VISIBLE_DIGITS)}"
    return ""


def search_parties(parties: QuerySet[Party], query: str) -> QuerySet[Party]:
    """Parties matching every word of ``query``: a word of digits matches a whole
    identifier exactly, or the visible end of a masked one; other words match the names
    or the town."""
    words = query.split()
    # "440514 01359", "PL 123-456-32-18" and a pasted "*******7125" are identifiers too.
    whole = _compact("".join(words))
    if whole.isdigit():
        words = [whole]
    for word in words:
        digits = _compact(word)
        if digits.isdigit():
            parties = parties.filter(_identifier_match(digits))
        elif word.upper() != "PL":
            parties = parties.filter(
                Q(last_name__icontains=word)
                | Q(first_name__icontains=word)
                | Q(name__icontains=word)
                | Q(city__icontains=word)
            )
    return parties


def _compact(word: str) -> str:
    return word.replace("-", "").replace("*", "").upper().removeprefix("PL")


def _identifier_match(digits: str) -> Q:
    """The whole identifier exactly, or the digits its masked form shows (never a search
    on the hidden ones)."""
    if len(digits) < MIN_SUFFIX_DIGITS:
        return Q(pk__in=[])
    suffix = Q()
    if len(digits) <= VISIBLE_DIGITS:
        suffix = Q(pesel__endswith=digits) | Q(regon__endswith=digits)
    if len(digits) <= VISIBLE_NIP_DIGITS:
        suffix |= Q(nip__endswith=digits)
    return Q(pesel=digits) | Q(nip=digits) | Q(regon=digits) | suffix


class PartySearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Szukaj"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("Nazwisko, nazwa, miejscowość albo PESEL / NIP")}
        ),
    )

    def filter(self, objects: QuerySet[Party]) -> QuerySet[Party]:
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = search_parties(objects, query)
        return objects


if TYPE_CHECKING:
    # the mixins go on Wagtail's chooser views
    from wagtail.admin.views.generic.chooser import ChooseView as _ChooserView
else:
    _ChooserView = object


class PartyChooserMixin(_ChooserView):
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_choose_parties(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PartyListingMixin(PartyChooserMixin):
    filter_form_class = PartySearchForm
    per_page = 20

    @property
    def columns(self) -> list[Column]:
        return [
            self.title_column,
            Column("identifier", label=_("Identyfikator"), accessor=masked_identifier),
            Column("city", label=_("Miejscowość")),
            Column("kind", label=_("Rodzaj"), accessor="get_kind_display"),
        ]


class PartyChooseView(PartyListingMixin, ChooseView):
    pass


class PartyChooseResultsView(PartyListingMixin, ChooseResultsView):
    pass


class PartyChosenView(PartyChooserMixin, ChosenView):
    pass


class PartyChosenMultipleView(PartyChooserMixin, ChosenMultipleView):
    pass


class PartyChooserViewSet(ChooserViewSet):
    model = Party
    icon = "user"
    choose_one_text = _("Wybierz stronę")
    choose_another_text = _("Zmień stronę")
    edit_item_text = _("Edytuj")
    page_title = _("Wybierz stronę")
    search_tab_label = _("Szukaj")
    per_page = 20
    choose_view_class = PartyChooseView
    choose_results_view_class = PartyChooseResultsView
    chosen_view_class = PartyChosenView
    chosen_multiple_view_class = PartyChosenMultipleView
    # Used where a form asks for it (cases, register entries), not on every Party foreign
    # key: only their staff may open it.
    register_widget = False


party_chooser_viewset = PartyChooserViewSet("party_chooser")
PartyChooserWidget = party_chooser_viewset.widget_class
