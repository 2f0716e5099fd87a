"""Push messages over real HTTP to the push stand-in (served by gunicorn on the towns'
hosts): Web Push encrypted for the browser, FCM and APNs with signed tokens, gone
subscriptions, retries, and the fan-out of a published alert."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from django.utils import timezone
from django_tenants.utils import schema_context

from cms.alert_push import broadcast_alert
from cms.models import Alert, AlertBroadcast
from eurzad.core import jwt
from eurzad.notifications.push.credentials import push_settings, vapid_public_key
from eurzad.notifications.push.models import PushDelivery, PushSubscription
from eurzad.notifications.push.services import (
    deliver,
    push_to_resident,
    register_device_token,
    subscribe_browser,
)
from eurzad.notifications.push.simulator import state
from eurzad.notifications.push.simulator.accounts import issue_apns_key, issue_service_account
from tests.push.conftest import GLOGOW, ZEMBRZYCE, Browser, paired_phone, resident

pytestmark = pytest.mark.slow


def browser_of(schema: str, owner, server, host: str = ZEMBRZYCE) -> Browser:
    browser = Browser.on(server.url(host, "").rstrip("/"))
    with schema_context(schema):
        subscribe_browser(owner, endpoint=browser.endpoint, **browser.keys)
    return browser


def phone_with(schema: str, owner, provider: str, token: str):
    _device_token, device = paired_phone(schema, owner)
    with schema_context(schema):
        return register_device_token(device, provider=provider, token=token)[0]


def configure_fcm_and_apns(schema: str) -> tuple[dict, str, str]:
    """The town's admin has entered credentials issued by the stand-in's consoles."""
    account = issue_service_account(f"gmina-{schema}")
    key_id, p8 = issue_apns_key("TEAM123456")
    with schema_context(schema):
        config = push_settings()
        config.fcm_enabled, config.fcm_project_id = True, account["project_id"]
        config.fcm_service_account = json.dumps(account)
        config.apns_enabled, config.apns_team_id, config.apns_key_id = True, "TEAM123456", key_id
        config.apns_key, config.apns_topic, config.apns_sandbox = p8, "pl.eurzad.app", True
        config.save()
    return account, key_id, p8


def recorded(kind: str, schema: str = "zembrzyce") -> list[dict]:
    return [d for d in state.deliveries(schema) if d["kind"] == kind]


def test_web_push_arrives_encrypted_and_only_the_browser_can_read_it(
    towns, stand_in, eager_tasks, django_capture_on_commit_callbacks
):
    anna = resident("zembrzyce")
    browser = browser_of("zembrzyce", anna, stand_in)
    with schema_context("zembrzyce"), django_capture_on_commit_callbacks(execute=True):
        queued = push_to_resident(anna, title="Nowa decyzja", body="W sprawie RGK.6220.1.2026",
                                  link="/konto/sprawy/", data={"case": 7})  # fmt: skip
    assert queued == 1
    [delivery] = recorded("webpush")
    assert delivery["target"] == browser.subscription_id
    assert delivery["headers"]["Content-Encoding"] == "aes128gcm"
    assert "Nowa decyzja" not in delivery["body"]
    assert browser.decrypt(delivery) == {
        "title": "Nowa decyzja",
        "body": "W sprawie RGK.6220.1.2026",
        "link": "/konto/sprawy/",
        "data": {"case": 7},
    }
    with schema_context("zembrzyce"):
        assert delivery["vapid_key"] == vapid_public_key()
        assert delivery["vapid_claims"]["aud"] == stand_in.url(ZEMBRZYCE, "").rstrip("/")
        sent = PushDelivery.objects.get(subscription__token=browser.endpoint)
        assert sent.status == "sent" and sent.attempts == 1
        assert PushSubscription.objects.get(token=browser.endpoint).last_success_at


def test_fcm_message_goes_with_an_access_token_from_the_signed_service_account_jwt(
    towns, stand_in, eager_tasks, django_capture_on_commit_callbacks
):
    account, _key_id, _p8 = configure_fcm_and_apns("zembrzyce")
    ewa = resident("zembrzyce")
    phone_with("zembrzyce", ewa, "fcm", "fcm-registration-token-1")
    with schema_context("zembrzyce"), django_capture_on_commit_callbacks(execute=True):
        assert push_to_resident(ewa, title="Rata podatku", body="Termin 15 marca") == 1
    [grant] = recorded("oauth")
    public_key = jwt.public_pem(account["private_key"])
    claims = jwt.verify(grant["assertion"], public_key)
    assert claims["iss"] == account["client_email"]
    assert claims["aud"] == stand_in.url(ZEMBRZYCE, "/symulator-push/fcm/token")
    assert claims["scope"] == "https://www.googleapis.com/auth/firebase.messaging"
    assert jwt.unverified(grant["assertion"])[0]["kid"] == account["private_key_id"]
    [message] = recorded("fcm")
    assert message["project"] == "gmina-zembrzyce"
    assert message["message"]["token"] == "fcm-registration-token-1"
    assert message["message"]["notification"] == {"title": "Rata podatku",
                                                  "body": "Termin 15 marca"}  # fmt: skip


def test_apns_request_carries_an_es256_provider_token_and_the_topic(
    towns, stand_in, eager_tasks, django_capture_on_commit_callbacks
):
    _account, key_id, p8 = configure_fcm_and_apns("zembrzyce")
    ewa = resident("zembrzyce")
    phone_with("zembrzyce", ewa, "apns", "a1b2c3d4e5f6")
    with schema_context("zembrzyce"), django_capture_on_commit_callbacks(execute=True):
        assert push_to_resident(ewa, title="Odbiór odpadów", body="Jutro, ul. Leśna") == 1
    [message] = recorded("apns")
    header, _claims = jwt.unverified(message["provider_token"])
    assert header == {"alg": "ES256", "typ": "JWT", "kid": key_id}
    public_key = serialization.load_pem_private_key(p8.encode(), None).public_key()
    assert jwt.verify(message["provider_token"], public_key)["iss"] == "TEAM123456"
    assert message["headers"]["apns-topic"] == "pl.eurzad.app"
    assert message["headers"]["apns-push-type"] == "alert"
    assert message["payload"]["aps"]["alert"] == {"title": "Odbiór odpadów",
                                                  "body": "Jutro, ul. Leśna"}  # fmt: skip


@pytest.mark.parametrize("kind", ["webpush", "fcm", "apns"])
def test_subscription_the_service_reports_gone_is_disabled(
    towns, stand_in, eager_tasks, django_capture_on_commit_callbacks, kind
):
    configure_fcm_and_apns("zembrzyce")
    ewa = resident("zembrzyce")
    if kind == "webpush":
        target = browser_of("zembrzyce", ewa, stand_in).subscription_id
    else:
        target = f"{kind}-uninstalled-{ewa.pk}"
        phone_with("zembrzyce", ewa, kind, target)
    state.mark_gone(kind, target)
    with schema_context("zembrzyce"), django_capture_on_commit_callbacks(execute=True):
        assert push_to_resident(ewa, title="Test", body="Czy jesteś?") == 1
    with schema_context("zembrzyce"):
        subscription = PushSubscription.objects.get(resident=ewa)
        assert subscription.disabled_at is not None
        assert PushDelivery.objects.get(subscription=subscription).status == "gone"
        assert push_to_resident(ewa, title="Test", body="Znowu") == 0
    assert recorded(kind) == []


def test_server_errors_are_retried_until_the_message_gets_through(
    towns, stand_in, eager_tasks, django_capture_on_commit_callbacks
):
    ewa = resident("zembrzyce")
    browser = browser_of("zembrzyce", ewa, stand_in)
    state.fail_next("webpush", browser.subscription_id, status=500, times=2)
    with schema_context("zembrzyce"), django_capture_on_commit_callbacks(execute=True):
        push_to_resident(ewa, title="Po awarii", body="Doszło")
    with schema_context("zembrzyce"):
        delivery = PushDelivery.objects.get(subscription__resident=ewa)
        assert (delivery.status, delivery.attempts) == ("sent", 3)
    assert browser.decrypt(recorded("webpush")[0])["title"] == "Po awarii"


def test_retry_after_is_read_and_client_errors_are_not_retried(towns, stand_in):
    ewa = resident("zembrzyce")
    browser = browser_of("zembrzyce", ewa, stand_in)
    with schema_context("zembrzyce"):
        subscription = PushSubscription.objects.get(resident=ewa)
        busy = PushDelivery.objects.create(subscription=subscription, key="k1", title="A", body="B")
        state.fail_next("webpush", browser.subscription_id, status=429, retry_after=7)
        outcome = deliver(busy.pk)
        assert outcome.retry and outcome.retry_after == 7.0
        busy.refresh_from_db()
        assert busy.status == "queued"
        refused = PushDelivery.objects.create(subscription=subscription, key="k2", title="A",
                                              body="B")  # fmt: skip
        state.fail_next("webpush", browser.subscription_id, status=400)
        outcome = deliver(refused.pk)
        assert not outcome.retry and not outcome.gone
        refused.refresh_from_db()
        assert (refused.status, refused.attempts) == ("failed", 1)
        assert PushSubscription.objects.get(pk=subscription.pk).disabled_at is None


def test_published_alert_reaches_every_device_once_in_batches_and_never_glogow(
    towns, stand_in, eager_tasks, django_capture_on_commit_callbacks, settings
):
    settings.PUSH_ALERT_BATCH_SIZE = 2
    configure_fcm_and_apns("zembrzyce")
    browsers = [browser_of("zembrzyce", resident("zembrzyce"), stand_in) for _ in range(3)]
    phone_with("zembrzyce", resident("zembrzyce"), "fcm", "fcm-alert-phone")
    glogow_browser = browser_of("glogow", resident("glogow"), stand_in, host=GLOGOW)
    with schema_context("zembrzyce"):
        live = PushSubscription.objects.live().count()
        with django_capture_on_commit_callbacks(execute=True):
            alert = Alert.objects.create(
                title="Ostrzeżenie przed burzami",
                message="IMGW: burze z gradem od 14:00. Zabezpiecz rzeczy na balkonach.",
                severity="danger",
                valid_until=timezone.now() + timedelta(hours=6),
            )
        broadcast = AlertBroadcast.objects.get(alert=alert)
        assert broadcast.finished_at is not None and broadcast.queued == live >= 4
        deliveries = PushDelivery.objects.filter(key=f"alert-{alert.pk}")
        assert deliveries.count() == live
        assert set(deliveries.values_list("status", flat=True)) == {"sent"}
        with django_capture_on_commit_callbacks(execute=True):
            alert.message += " Aktualizacja."
            alert.save()  # saved again: not pushed again
            assert broadcast_alert(alert) is None
        assert PushDelivery.objects.filter(key=f"alert-{alert.pk}").count() == live
    web = recorded("webpush")
    for browser in browsers:
        [mine] = [d for d in web if d["target"] == browser.subscription_id]
        assert browser.decrypt(mine)["title"] == "Zagrożenie: Ostrzeżenie przed burzami"
        assert mine["headers"]["Urgency"] == "high"
    assert [d["message"]["token"] for d in recorded("fcm")] == ["fcm-alert-phone"]
    assert recorded("webpush", "glogow") == []
    assert glogow_browser.subscription_id not in {d["target"] for d in web}
    with schema_context("glogow"):
        assert not PushDelivery.objects.exists()
