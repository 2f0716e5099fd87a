"""The demo account: demo / demo opens a labelled sandbox in towns that switch it on."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext
from django_tenants.utils import schema_context

from eurzad.audit.models import AuditEvent
from eurzad.identity.acting import parties_for
from eurzad.identity.demo import DEMO_USERNAME
from eurzad.identity.models import AccountSettings, Resident
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client


def test_demo_login_opens_the_sandbox_in_glogow(towns):
    client = host_client(GLOGOW_HOST)
    assert "demo / demo" in client.get("/logowanie/").content.decode()
    answer = client.post("/logowanie/demo/", {"login": "demo", "password": "demo"})
    assert answer.status_code == 302
    with schema_context("glogow"):
        resident = Resident.objects.get(user__username=DEMO_USERNAME)
        assert resident.is_demo
        assert len(parties_for(resident)) == 2  # herself and the sample firm she represents
        assert AuditEvent.objects.filter(action="login", method="demo").exists()


def test_wrong_demo_password_is_refused_clearly(towns):
    answer = host_client(GLOGOW_HOST).post("/logowanie/demo/", {"login": "demo", "password": "x"})
    assert answer.status_code == 400
    assert "Nieprawidłowy login lub hasło konta demonstracyjnego" in answer.content.decode()
    polish = "Nieprawidłowy login lub hasło konta demonstracyjnego – użyj demo / demo."
    with translation.override("en"):
        assert (
            gettext(polish) == "Wrong username or password for the demo account: use demo / demo."
        )


def test_towns_without_the_switch_have_no_demo_account(towns):
    client = host_client(ZEMBRZYCE_HOST)
    assert "demo / demo" not in client.get("/logowanie/").content.decode()
    assert client.post("/logowanie/demo/", {"login": "demo", "password": "demo"}).status_code == 404
    with schema_context("zembrzyce"):
        assert not Resident.objects.filter(is_demo=True).exists()


def test_switching_the_demo_off_closes_it_at_once(towns):
    with schema_context("glogow"):
        account_settings = AccountSettings.load()
        account_settings.demo_account_enabled = False
        account_settings.save()
    client = host_client(GLOGOW_HOST)
    assert client.post("/logowanie/demo/", {"login": "demo", "password": "demo"}).status_code == 404


def test_the_demo_user_cannot_log_in_to_the_admin(towns):
    client = host_client(GLOGOW_HOST)
    # axes' backend needs the request of a login; the test client's login() has none.
    assert not client.login(request=HttpRequest(), username=DEMO_USERNAME, password="demo")
    assert not client.login(request=HttpRequest(), username="demo", password="demo")
