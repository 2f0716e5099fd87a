import time, statistics
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django_tenants.utils import schema_context
from tests.perf.harness import KeepTestConnection, request_ok
from tests.perf.test_resident_pages import _jan_logged_in, JAN_PESEL
pytestmark = [pytest.mark.perf, pytest.mark.django_db]

def ms(f, n=300):
    for _ in range(20): f()
    s = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n // 5): f()
        s.append((time.perf_counter() - t) / (n // 5) * 1000)
    return round(min(s), 2)

def test_parts(demo_towns):
    with KeepTestConnection():
        cookie = _jan_logged_in()
        town = WSGIHandler()
        for url in ["/konto/", "/konto/zobowiazania/", "/konto/sprawy/", "/katalog-uslug/?q=podatek"]:
            print(url, ms(lambda: request_ok(town, "zembrzyce.localhost", url, HTTP_COOKIE=cookie)))
        from eurzad.identity.backends import ResidentSessionBackend
        from eurzad.parties.models import Party
        from eurzad.finance.queries import account_status
        from eurzad.cases.queries import cases_of
        from eurzad.notifications.services import unread_count
        with schema_context("zembrzyce"):
            party = Party.objects.get(pesel=JAN_PESEL)
            uid = party.resident.user.pk
            b = ResidentSessionBackend()
            print("get_user", ms(lambda: b.get_user(uid)))
            print("account_status", ms(lambda: account_status(party)))
            print("cases waiting", ms(lambda: cases_of(party).filter(status__waiting_for_resident=True).count()))
            u = b.get_user(uid)
            print("unread", ms(lambda: unread_count(u)))
            def raw():
                with connection.cursor() as c:
                    c.execute("SELECT 1"); c.fetchone()
            print("SELECT 1", ms(raw))
            print("get_user sql only", ms(lambda: str(b.get_user.__self__ and 0)))
