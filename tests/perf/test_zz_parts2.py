import time
import pytest
from django.db import connection
from django_tenants.utils import schema_context
from tests.perf.test_resident_pages import JAN_PESEL, _jan_logged_in
from tests.perf.test_zz_parts import ms
pytestmark = [pytest.mark.perf, pytest.mark.django_db]

def test_parts(demo_towns):
    from eurzad.identity.backends import ResidentSessionBackend
    from eurzad.parties.models import Party
    from eurzad.accounts.models import User
    _jan_logged_in()
    with schema_context("zembrzyce"):
        party = Party.objects.get(pesel=JAN_PESEL)
        uid = party.resident.user.pk
        b = ResidentSessionBackend()
        import django.db.models.query as q
        captured = []
        from django.test.utils import CaptureQueriesContext
        with CaptureQueriesContext(connection) as c:
            b.get_user(uid)
        sql = c.captured_queries[-1]["sql"]
        print(sql)
        def run():
            with connection.cursor() as cur:
                cur.execute(sql); cur.fetchall()
        print("raw exec", ms(run))
        from django.db.models import Exists, OuterRef
        from eurzad.identity.models import Representation
        from eurzad.identity.representation import in_force
        def build():
            mandates = Representation.objects.filter(in_force(), resident__user=OuterRef("pk"))
            users = User._default_manager.select_related("resident__party").annotate(represents_others=Exists(mandates)).filter(pk=uid)[:1]
            return users.query.get_compiler("default").as_sql()
        print("build+compile", ms(build))
        print("plain get", ms(lambda: User.objects.filter(pk=uid).first()))
        with connection.cursor() as cur:
            cur.execute("EXPLAIN ANALYZE " + sql); print("\n".join(r[0] for r in cur.fetchall()))
