"""What the middleware and view decorators add to a request, for the type checker.

Django's ``HttpRequest`` knows nothing of the attributes set on it on the way in. A view
or helper that reads them annotates its ``request`` with one of these classes instead of
``HttpRequest``. They are annotations only: no request is ever an instance of them, so
never test ``isinstance(request, TenantRequest)``.

The resident area's request (``resident``, ``acting_party``) is
:class:`eurzad.identity.requests.ResidentRequest`; the operator console's is
:class:`tenants.console.auth.OperatorRequest`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from eurzad.core.query import QueryForm
    from tenants.models import Municipality


class TenantRequest(HttpRequest):
    """A request past the middleware, on a town's host or the platform host."""

    #: The municipality of the host (the platform's own on the platform host), and the
    #: host name it was found by: set by :class:`tenants.middleware.MunicipalityMiddleware`.
    tenant: Municipality
    hostname: str
    #: The request's id in the logs: :class:`eurzad.core.observation.RequestObservationMiddleware`.
    request_id: str
    #: The view's checked query parameters: only in views under
    #: :func:`eurzad.core.query.reads_query`.
    query: QueryForm
    #: django-axes' marks on a login attempt: refused for a lockout already in force, and
    #: the count of failures on the attempt that starts one.
    axes_locked_out: bool
    axes_failures_since_start: int | None
    #: The logged-in user's unread notifications, once counted for the page's header:
    #: :func:`eurzad.portal.navigation.unread_of`.
    unread_notifications: int
