"""Public registers (/rejestry/…), the property search (/mienie/…) and the resident's
entries (/konto/rejestry/). Thin views over :mod:`eurzad.registers.queries`."""

from __future__ import annotations

from typing import cast
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render

from eurzad.core.account_area import render_account_page
from eurzad.core.query import PagedQuery, reads_query, requested_page
from eurzad.core.requests import TenantRequest
from eurzad.identity.acting import acting_party_or_404, resident_required
from eurzad.identity.requests import ResidentRequest
from eurzad.registers.filters import PropertyQuery, RegisterEntriesQuery
from eurzad.registers.models import Property, RegisterEntry
from eurzad.registers.queries import (
    entries_of,
    precincts,
    public_entries,
    public_registers,
    search_properties,
)

PER_PAGE = 25
PAGE_PARAMETER = "strona"


def register_index(request: HttpRequest) -> HttpResponse:
    return render(request, "registers/register_index.html", {"registers": public_registers()})


@reads_query(RegisterEntriesQuery)
def register_detail(request: TenantRequest, slug: str) -> HttpResponse:
    definition = get_object_or_404(public_registers(), slug=slug)
    filters = request.query.filters
    query = filters["q"]
    page = Paginator(public_entries(definition, query), PER_PAGE).get_page(filters["strona"])
    return render(
        request,
        "registers/register_detail.html",
        {"register": definition, "query": query, "entries": page,
         "querystring": urlencode({"q": query}) if query else "",
         "columns": definition.public_fields[:4]},
    )  # fmt: skip


def entry_detail(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    definition = get_object_or_404(public_registers(), slug=slug)
    entry = get_object_or_404(RegisterEntry, definition=definition, number=number)
    entry.definition = definition
    return render(request, "registers/entry_detail.html", {"register": definition, "entry": entry})


@reads_query(PropertyQuery)
def property_search(request: TenantRequest) -> HttpResponse:
    form = cast(PropertyQuery, request.query)
    filters = form.property_filters()
    page = Paginator(search_properties(filters), PER_PAGE).get_page(form.filters["strona"])
    params = cast(
        QueryDict, form.data
    ).copy()  # the links to other pages keep every filter as typed
    params.pop(PAGE_PARAMETER, None)
    return render(
        request,
        "registers/property_search.html",
        {
            "filters": filters,
            "properties": page,
            "precincts": precincts(),
            "offers": Property.Offer.choices,
            "querystring": params.urlencode(),
        },
    )


def property_detail(request: HttpRequest, property_id: int) -> HttpResponse:
    found = get_object_or_404(
        Property.objects.prefetch_related("photos__image"), pk=property_id, published=True
    )
    return render(request, "registers/property_detail.html", {"property": found})


@resident_required
@reads_query(PagedQuery)
def my_entries(request: ResidentRequest) -> HttpResponse:
    """Entries of the acting Party (the resident, or whom they represent) — the whole
    entry, non-public fields included: it is the Party's own data. In pages, by register."""
    party = acting_party_or_404(request)
    page = requested_page(request, entries_of(party), PER_PAGE)
    return render_account_page(request, "registers/my_entries.html", {"page": page})
