import cProfile, pstats, io, os
import pytest
from django.core.handlers.wsgi import WSGIHandler
from tests.perf.harness import KeepTestConnection, request_ok
from tests.perf.test_resident_pages import _jan_logged_in
pytestmark = [pytest.mark.perf, pytest.mark.django_db]

def test_profile(demo_towns):
    with KeepTestConnection():
        cookie = _jan_logged_in()
        town = WSGIHandler()
        for url in os.environ.get("PROF_URL", "/konto/").split(","):
            for _ in range(30):
                request_ok(town, "zembrzyce.localhost", url, HTTP_COOKIE=cookie)
            n = int(os.environ.get("PROF_N", "300"))
            pr = cProfile.Profile()
            pr.enable()
            for _ in range(n):
                request_ok(town, "zembrzyce.localhost", url, HTTP_COOKIE=cookie)
            pr.disable()
            s = io.StringIO()
            st = pstats.Stats(pr, stream=s).sort_stats(os.environ.get("PROF_SORT", "cumtime"))
            st.print_stats(90)
            open("/tmp/prof-" + url.strip("/").replace("/", "_").replace("?", "_") + ".txt", "w").write(s.getvalue())
