"""The baselines of the benchmarks: one trivial view (served with no middleware), and a
view that reads one session and runs one query (served through the full stack)."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path

BODY = b"<!DOCTYPE html><html lang='pl'><title>ok</title><p>ok</p></html>"


def bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BODY)


def session_view(request: HttpRequest) -> HttpResponse:
    """200 only when the request's session holds a logged-in user: it was really read."""
    if "_auth_user_id" not in request.session:
        return HttpResponse(status=403)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse(BODY)


urlpatterns = [path("", bare_view), path("session/", session_view)]
