"""Tests only (never mounted outside them): a town's URLs plus two views the tests need —
one that fails, answered by the app's own 500 handler, and a public page whose inline
script carries a nonce."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from eurzad import urls_tenant

handler500 = urls_tenant.handler500


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a test of the server error page")


def page_with_nonce(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        f'<!DOCTYPE html><title>x</title><script nonce="{request.csp_nonce}">1</script>',
        content_type="text/html; charset=utf-8",
    )


urlpatterns = [
    path("test-500/", crash),
    path("test-nonce/", page_with_nonce),
    *urls_tenant.urlpatterns,
]
