import logging
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
from tests.perf.harness import KeepTestConnection, request_ok, bare_handler, compare, report
from eurzad.core.access_log import LOGGER_NAME, PreformattedFormatter
pytestmark = [pytest.mark.perf, pytest.mark.django_db]

def test_mw(demo_towns):
    logger = logging.getLogger(LOGGER_NAME)
    [h] = [h for h in logger.handlers if isinstance(h.formatter, PreformattedFormatter)]
    with KeepTestConnection():
        cases = {}
        bare = bare_handler()
        cases["bare"] = lambda: request_ok(bare, "bench.localhost")
        full = WSGIHandler()
        cases["full"] = lambda: request_ok(full, "zembrzyce.localhost")
        def noflush():
            f = h.flush
            h.flush = lambda: None
            try:
                request_ok(full, "zembrzyce.localhost")
            finally:
                h.flush = f
        cases["full no flush"] = noflush
        def nolog():
            logger.disabled = True
            try:
                request_ok(full, "zembrzyce.localhost")
            finally:
                logger.disabled = False
        cases["full logger disabled"] = nolog
        res = compare(cases, requests=2000, rounds=9)
        print(report("mw", res, "bare"))
