import cProfile, pstats, io, os
import pytest
from django.core.handlers.wsgi import WSGIHandler
from tests.perf.harness import KeepTestConnection, request_ok, bare_handler
pytestmark = [pytest.mark.perf, pytest.mark.django_db]

def test_profile(demo_towns):
    with KeepTestConnection():
        town = WSGIHandler()
        url = os.environ.get("PROF_URL", "/")
        for _ in range(300):
            request_ok(town, "zembrzyce.localhost", url)
        n = int(os.environ.get("PROF_N", "20000"))
        pr = cProfile.Profile()
        pr.enable()
        for _ in range(n):
            request_ok(town, "zembrzyce.localhost", url)
        pr.disable()
        s = io.StringIO()
        st = pstats.Stats(pr, stream=s).sort_stats(os.environ.get("PROF_SORT", "tottime"))
        st.print_stats(45)
        open("/tmp/prof.txt", "w").write(s.getvalue())
