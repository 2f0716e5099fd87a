"""What a page reads from its query string, checked by a form the view declares.

The rule, the same on every page and in the API: a query parameter whose value cannot
be used (a wrong type, a number out of range, too long, a slug that is not a slug) makes
the answer **400**, and that filter is not applied. A page still shows itself, with the
form holding exactly what was typed and a Polish message at the field (and in a summary
at the top of the page); the API answers ``application/problem+json`` naming the
parameter. Control characters never reach a view at all (see
:class:`eurzad.core.middleware.ControlCharacterMiddleware`).

A view declares its form with :func:`reads_query` (function views) or a page model's
``query_form`` attribute (Wagtail pages); the declaration is what the tests enumerate
to send bad values to every parameter, so no hand-kept list can go stale.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any, TypeVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext_lazy as _

from eurzad.core.requests import TenantRequest

# PostgreSQL text cannot hold NUL; the other C0 controls (but tab, line feed and carriage
# return) and DEL have no business in an address or a search box either.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PAGE_PARAMETER = "strona"

ViewFunction = TypeVar("ViewFunction", bound=Callable[..., HttpResponse])


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a character refused in addresses and query strings."""
    return CONTROL_CHARACTERS.search(text) is not None


def refused_part_of(request: HttpRequest) -> str | None:
    """The part of the request's address holding a control character — ``"path"`` or
    the query parameter's name — or None when the address is clean."""
    if has_control_characters(request.path):
        return "path"
    for name, values in request.GET.lists():
        if has_control_characters(name):
            return name[:50]
        if any(has_control_characters(value) for value in values):
            return name
    return None


def refuse_control_characters(value: Any) -> None:
    """A field validator: no NUL or other control characters in text."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(
            _("Usuń znaki sterujące (np. znak NUL): nie mogą wystąpić w tym polu."),
            code="control_characters",
        )


class QueryForm(forms.Form):
    """The query parameters of one page. Bound to ``request.GET``; every text field
    refuses control characters; an invalid field is reported and left out of
    :attr:`filters`, the valid ones still apply."""

    def __init__(self, data: QueryDict | dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(refuse_control_characters)

    @classmethod
    def of(cls, request: HttpRequest) -> QueryForm:
        """The form bound to the request's query string, already checked."""
        form = cls(request.GET)
        form.is_valid()
        return form

    @property
    def filters(self) -> dict[str, Any]:
        """Every parameter's usable value: what was given when valid, else the field's
        empty value (no filter)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name, _empty(field)) for name, field in self.fields.items()}

    def typed(self, name: str) -> str:
        """What the visitor typed for ``name`` (to show it back, valid or not)."""
        return self.data.get(name, "") if self.data else ""

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(label, typed value, message) of every invalid parameter, for the page."""
        return [
            (str(self.fields[name].label or name), self.typed(name)[:200], str(message))
            for name, messages in self.errors.items()
            for message in messages
        ]


def _empty(field: forms.Field) -> Any:
    return field.empty_value if isinstance(field, forms.CharField) else None


class PageNumberField(forms.IntegerField):
    """``?strona=``: a page of a list, 1 or more (past the last page shows the last)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Numer strony listy"))
        super().__init__(required=False, min_value=1, **kwargs)


class SearchTextField(forms.CharField):
    """A search box: trimmed text of at most ``max_length`` characters."""

    def __init__(self, max_length: int, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Szukany tekst"))
        super().__init__(required=False, max_length=max_length, **kwargs)


class DecimalAmountField(forms.DecimalField):
    """A non-negative number as people type it: a comma or a dot, spaces between
    thousands (``1 500,5``)."""

    def __init__(self, max_digits: int, decimal_places: int, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=Decimal(0), max_digits=max_digits,
                         decimal_places=decimal_places, **kwargs)  # fmt: skip

    # forms.DecimalField.to_python gives a Decimal; the stubs only know IntegerField's int
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.replace(",", ".").replace(" ", "").replace("\xa0", "")
        return super().to_python(value)


class PagedQuery(QueryForm):
    """A list in pages and nothing else to filter."""

    strona = PageNumberField()


def requested_page(request: TenantRequest, items: Any, per_page: int) -> Page:
    """The page of ``items`` asked for by ``?strona=``, in a view that reads a
    ``PagedQuery`` (a number out of range gives the last page)."""
    number = request.query.filters[PAGE_PARAMETER]
    return Paginator(items, per_page).get_page(number)


def reads_query(form_class: type[QueryForm]) -> Callable[[ViewFunction], ViewFunction]:
    """Declare the query parameters of a function view: the checked form is
    ``request.query`` inside the view, and an invalid one turns a 200 into a 400 (the
    page itself still renders, showing the errors)."""

    def decorate(view: ViewFunction) -> ViewFunction:
        @wraps(view)
        def checked(request: TenantRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            form = form_class.of(request)
            request.query = form
            return refuse_if_invalid(form, view(request, *args, **kwargs))

        checked.query_form = form_class  # type: ignore[attr-defined]  # read by the tests
        return cast(ViewFunction, checked)

    return decorate


def refuse_if_invalid(form: QueryForm, response: HttpResponse) -> HttpResponse:
    """A page answered with an invalid query says so in its status: 400."""
    if form.errors and response.status_code == 200:
        response.status_code = 400
    return response
