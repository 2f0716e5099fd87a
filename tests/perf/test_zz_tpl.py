import time, collections
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.template import base as tb
from django.template import loader_tags
from tests.perf.harness import KeepTestConnection, request_ok
from tests.perf.test_resident_pages import _jan_logged_in
pytestmark = [pytest.mark.perf, pytest.mark.django_db]

def test_tpl(demo_towns):
    with KeepTestConnection():
        cookie = _jan_logged_in()
        town = WSGIHandler()
        acc = collections.Counter()
        orig = tb.Template._render
        def timed(self, context):
            t = time.perf_counter()
            try:
                return orig(self, context)
            finally:
                acc[self.origin.template_name if self.origin else "?"] += time.perf_counter() - t
        # node-level timing of selected tags
        nodes = collections.Counter()
        orig_node = tb.Node.render_annotated
        def node_timed(self, context):
            t = time.perf_counter()
            try:
                return orig_node(self, context)
            finally:
                nodes[type(self).__name__] += time.perf_counter() - t
        for url in ["/konto/", "/konto/zobowiazania/"]:
            for _ in range(20):
                request_ok(town, "zembrzyce.localhost", url, HTTP_COOKIE=cookie)
            acc.clear(); nodes.clear()
            tb.Template._render = timed
            tb.Node.render_annotated = node_timed
            N = 100
            t = time.perf_counter()
            for _ in range(N):
                request_ok(town, "zembrzyce.localhost", url, HTTP_COOKIE=cookie)
            total = (time.perf_counter() - t) / N * 1000
            tb.Template._render = orig
            tb.Node.render_annotated = orig_node
            print(url, "total ms", round(total, 2))
            for name, v in acc.most_common(12):
                print(f"   {name:50} {v / N * 1000:6.2f}")
