"""Where push messages may go: the town's VAPID keys, a resident's browsers (session,
CSRF) and a paired phone's FCM / APNs tokens, each town on its own."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from eurzad.identity.pin import revoke_device
from eurzad.notifications.push.credentials import vapid_public_key, vapid_settings
from eurzad.notifications.push.models import PushSettings, PushSubscription
from eurzad.notifications.push.services import push_to_resident
from tests.api.mobile.helpers import api_client
from tests.conftest import ROOT, host_client, subprocess_env
from tests.push.conftest import GLOGOW, ZEMBRZYCE, Browser, paired_phone, resident

WEB_PUSH = "/konto/powiadomienia/web-push/"
TOKENS = "/api/v1/mobile/push-tokens/"
PUSH_SERVICE = "https://fcm.googleapis.com/fcm/send"
KEYS = Browser.on("https://push.example.org").keys


def logged_in(schema: str, host: str, owner, **kwargs) -> Client:
    client = host_client(host, **kwargs)
    with schema_context(schema):  # the session lives in the town's own schema
        client.force_login(owner.user)
    return client


def post_json(client: Client, path: str, body: dict, method: str = "post", **extra):
    return getattr(client, method)(path, json.dumps(body), content_type="application/json",
                                   **extra)  # fmt: skip


def test_vapid_keys_are_generated_once_per_town_and_differ_between_towns(towns, zembrzyce):
    keys = {}
    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            first = vapid_public_key()
            assert vapid_public_key() == first
            config = PushSettings.objects.get()
            assert PushSettings.objects.count() == 1
            assert "PRIVATE KEY" in config.vapid_private_key
            assert "PRIVATE KEY" not in config.vapid_private_key_sealed
            keys[schema] = first
    assert keys["zembrzyce"] != keys["glogow"]
    answer = zembrzyce.get(WEB_PUSH + "klucz/")
    assert answer.status_code == 200
    assert answer.json() == {"publicKey": keys["zembrzyce"]}
    assert len(keys["zembrzyce"]) == 87  # 65-byte P-256 point, URL-safe base64 unpadded


def test_resident_subscribes_a_browser_and_unsubscribes_it(towns):
    anna = resident("zembrzyce")
    client = logged_in("zembrzyce", ZEMBRZYCE, anna)
    browser = Browser.on("https://push.example.org")
    browser.endpoint = PUSH_SERVICE + "/abc123"
    assert post_json(client, WEB_PUSH, browser.as_json()).status_code == 201
    assert post_json(client, WEB_PUSH, browser.as_json()).status_code == 200  # again: kept
    with schema_context("zembrzyce"):
        subscription = PushSubscription.objects.get(token=browser.endpoint)
        assert subscription.resident == anna and subscription.kind == "webpush"
        assert subscription.p256dh == browser.keys["p256dh"]
    gone = post_json(client, WEB_PUSH, {"endpoint": browser.endpoint}, method="delete")
    assert gone.status_code == 204
    with schema_context("zembrzyce"):
        assert not PushSubscription.objects.filter(token=browser.endpoint).exists()


def test_subscribing_needs_the_csrf_token_and_a_login(towns):
    anna = resident("zembrzyce")
    browser = Browser.on("https://push.example.org")
    browser.endpoint = PUSH_SERVICE + "/csrf"
    strict = logged_in("zembrzyce", ZEMBRZYCE, anna, enforce_csrf_checks=True)
    assert post_json(strict, WEB_PUSH, browser.as_json()).status_code == 403
    assert post_json(host_client(ZEMBRZYCE), WEB_PUSH, browser.as_json()).status_code == 401
    with schema_context("zembrzyce"):
        assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"endpoint": "http://10.0.0.7/push", "keys": KEYS}, "publicznym adresem HTTPS"),
        ({"endpoint": "https://169.254.169.254/x", "keys": KEYS}, "publicznym adresem HTTPS"),
        ({"endpoint": PUSH_SERVICE + "/k", "keys": {"p256dh": "AAAA", "auth": "AAAA"}},
         "Klucze subskrypcji"),
        ({"endpoint": PUSH_SERVICE + "/k"}, "keys.p256dh"),
        ({"keys": {}}, "endpoint"),
    ],
)  # fmt: skip
def test_bad_subscriptions_are_refused_with_a_clear_message(towns, body, message):
    anna = resident("zembrzyce")
    answer = post_json(logged_in("zembrzyce", ZEMBRZYCE, anna), WEB_PUSH, body)
    assert answer.status_code == 400
    assert message in answer.json()["detail"]
    with schema_context("zembrzyce"):
        assert not PushSubscription.objects.exists()


def test_zembrzyce_session_means_nothing_on_glogow_host(towns):
    anna = resident("zembrzyce")
    client = logged_in("zembrzyce", ZEMBRZYCE, anna)
    client.defaults["HTTP_HOST"] = GLOGOW
    browser = Browser.on("https://push.example.org")
    browser.endpoint = PUSH_SERVICE + "/cross"
    assert post_json(client, WEB_PUSH, browser.as_json()).status_code == 401
    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            assert not PushSubscription.objects.filter(token=browser.endpoint).exists()


def test_paired_phone_registers_and_removes_its_push_token(towns):
    ewa = resident("zembrzyce")
    token, device = paired_phone("zembrzyce", ewa)
    phone = api_client(ZEMBRZYCE, token)
    created = post_json(phone, TOKENS, {"provider": "fcm", "token": "fcm-token-1"})
    assert created.status_code == 201, created.content
    assert created.json()["provider"] == "fcm"
    assert post_json(phone, TOKENS, {"provider": "fcm", "token": "fcm-token-1"}).status_code == 200
    with schema_context("zembrzyce"):
        subscription = PushSubscription.objects.get(token="fcm-token-1")
        assert subscription.device == device and subscription.resident == ewa
    assert phone.delete(TOKENS + "fcm-token-1").status_code == 204
    missing = phone.delete(TOKENS + "fcm-token-1")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_bad_push_token_input_gets_a_problem_in_polish_or_english(towns):
    token, _device = paired_phone("zembrzyce", resident("zembrzyce"))
    polish = post_json(api_client(ZEMBRZYCE, token), TOKENS, {"provider": "sms", "token": "x"})
    assert polish.status_code == 400
    assert polish.json()["detail"] == "Popraw wskazane pola."
    assert "provider" in polish.json()["errors"]
    english = post_json(api_client(ZEMBRZYCE, token, "en"), TOKENS, {"provider": "fcm"})
    assert english.status_code == 400
    assert "token" in english.json()["errors"]


def test_zembrzyce_device_token_gets_401_on_glogow_push_token_endpoints(towns):
    token, _device = paired_phone("zembrzyce", resident("zembrzyce"))
    on_glogow = api_client(GLOGOW, token)
    assert post_json(on_glogow, TOKENS, {"provider": "apns", "token": "abc"}).status_code == 401
    assert on_glogow.delete(TOKENS + "abc").status_code == 401
    anonymous = post_json(api_client(GLOGOW), TOKENS, {"provider": "apns", "token": "abc"})
    assert anonymous.status_code == 401
    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            assert not PushSubscription.objects.filter(token="abc").exists()


def test_revoked_phone_loses_its_push_tokens_at_once(towns):
    ewa = resident("zembrzyce")
    token, device = paired_phone("zembrzyce", ewa)
    post_json(api_client(ZEMBRZYCE, token), TOKENS, {"provider": "apns", "token": "apns-1"})
    with schema_context("zembrzyce"):
        revoke_device(device)
        subscription = PushSubscription.objects.get(token="apns-1")
        assert subscription.disabled_at is not None
        assert push_to_resident(ewa, title="Test", body="Nic") == 0


def test_resident_who_switched_push_off_gets_nothing(towns):
    ewa = resident("zembrzyce", notify_by_push=False)
    token, _device = paired_phone("zembrzyce", ewa)
    post_json(api_client(ZEMBRZYCE, token), TOKENS, {"provider": "fcm", "token": "fcm-off"})
    with schema_context("zembrzyce"):
        assert push_to_resident(ewa, title="Rata", body="Termin płatności") == 0


def test_production_settings_refuse_the_push_stand_in():
    env = {**subprocess_env(), "DJANGO_SETTINGS_MODULE": "eurzad.settings.production",
           "SIMULATORS_ENABLED": "1", "SECRET_KEY": "x" * 60}  # fmt: skip
    refused = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "SIMULATORS_ENABLED must be off in production" in refused.stderr
    env["SIMULATORS_ENABLED"] = "0"
    env["DJANGO_SETTINGS_MODULE"] = "eurzad.settings.test"
    without = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); "
         "import eurzad.notifications.push.simulator"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert without.returncode != 0 and "only with SIMULATORS_ENABLED" in without.stderr
    urls = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.urls import "
         "reverse; reverse('push-sim-webpush', args=['x'], urlconf='eurzad.urls_tenant')"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert urls.returncode != 0 and "NoReverseMatch" in urls.stderr


def test_admin_enters_fcm_and_apns_keys_that_are_never_shown_back(towns):
    from django.contrib.auth import get_user_model

    from eurzad.notifications.push.simulator.accounts import issue_apns_key, issue_service_account

    with schema_context("zembrzyce"):
        admin = get_user_model().objects.create_superuser(username="push-admin", password="x")
        client = host_client(ZEMBRZYCE)
        client.force_login(admin)
        config = vapid_settings()
    account = issue_service_account("gmina-zembrzyce")
    key_id, p8 = issue_apns_key("TEAM123456")
    url = f"/admin/push_settings/edit/{config.pk}/"
    page = client.get("/admin/powiadomienia-push/", follow=True)
    assert page.status_code == 200 and page.redirect_chain[-1][0].endswith(url)
    answer = client.post(url, {
        "vapid_subject": "mailto:it@zembrzyce.pl", "fcm_enabled": "on",
        "fcm_project_id": "gmina-zembrzyce", "fcm_service_account": json.dumps(account),
        "apns_enabled": "on", "apns_team_id": "TEAM123456", "apns_key_id": key_id,
        "apns_topic": "pl.eurzad.app", "apns_key": p8,
    })  # fmt: skip
    assert answer.status_code == 302, answer.content.decode()[-3000:]
    with schema_context("zembrzyce"):
        config = PushSettings.objects.get()
        assert json.loads(config.fcm_service_account)["client_email"] == account["client_email"]
        assert config.apns_key.strip() == p8.strip()
        assert account["private_key"][40:80] not in config.fcm_service_account_sealed
    again = client.get(url).content.decode()
    assert account["private_key"][40:80] not in again and p8[40:80] not in again
    kept = client.post(url, {"fcm_enabled": "on", "fcm_project_id": "gmina-zembrzyce",
                             "apns_team_id": "TEAM123456"})  # fmt: skip
    assert kept.status_code == 302
    with schema_context("zembrzyce"):
        assert PushSettings.objects.get().fcm_service_account == config.fcm_service_account
    bad = client.post(url, {"fcm_enabled": "on", "fcm_project_id": "x",
                            "fcm_service_account": "{nie json"})  # fmt: skip
    assert bad.status_code == 200 and "To nie jest plik JSON" in bad.content.decode()
