import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
from tests.perf.harness import KeepTestConnection, request_ok, bare_handler, compare, report
pytestmark = [pytest.mark.perf, pytest.mark.django_db]
OUTER = settings.MIDDLEWARE[:7]

def test_mw(demo_towns):
    with KeepTestConnection():
        cases = {}
        bare = bare_handler()
        cases["bare"] = lambda: request_ok(bare, "bench.localhost")
        full = WSGIHandler()
        cases["full"] = lambda: request_ok(full, "zembrzyce.localhost")
        for name in OUTER[:5]:
            with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != name]):
                h = WSGIHandler()
            cases["-" + name.rsplit(".", 1)[1]] = lambda h=h: request_ok(h, "zembrzyce.localhost")
        with override_settings(MIDDLEWARE=OUTER[5:]):
            h2 = WSGIHandler()
        cases["only tenants+cache"] = lambda: request_ok(h2, "zembrzyce.localhost")
        res = compare(cases, requests=2000, rounds=7)
        print(report("mw", res, "bare"))
