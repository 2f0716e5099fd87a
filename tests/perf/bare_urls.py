"""The baseline of the benchmarks: Django with one trivial view and no middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

BODY = b"<!DOCTYPE html><html lang='pl'><title>ok</title><p>ok</p></html>"


def bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BODY)


urlpatterns = [path("", bare_view)]
