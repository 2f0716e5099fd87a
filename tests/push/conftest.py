"""Push tests: residents, browsers with their own Web Push key pairs, paired phones, the
towns served by gunicorn (the push stand-in answers on each town's host) and Celery
tasks run in the test process."""

from __future__ import annotations

import base64
import itertools
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django_tenants.utils import schema_context

from eurzad.celery import app
from eurzad.core.jwt import b64url
from eurzad.identity.models import MobileDevice, Resident
from eurzad.identity.pin import device_for_token
from eurzad.notifications.push.simulator import state
from tests.api.mobile.helpers import paired_token, resident_with_pin
from tests.e2e.conftest import TownServer, serving_test_database

ZEMBRZYCE = "zembrzyce.localhost"
GLOGOW = "glogow.localhost"
_browsers = itertools.count(1)


@dataclass
class Browser:
    """What a browser keeps of its push subscription: the receiving key pair and the
    authentication secret (RFC 8291), and the endpoint its push service gave it."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes

    @classmethod
    def on(cls, base: str) -> Browser:
        return cls(
            endpoint=f"{base}/symulator-push/webpush/przegladarka-{next(_browsers)}-"
            f"{secrets.token_hex(4)}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth_secret=secrets.token_bytes(16),
        )

    @property
    def subscription_id(self) -> str:
        return self.endpoint.rsplit("/", 1)[1]

    @property
    def keys(self) -> dict[str, str]:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {"p256dh": b64url(point), "auth": b64url(self.auth_secret)}

    def as_json(self) -> dict:
        return {"endpoint": self.endpoint, "keys": self.keys}

    def decrypt(self, recorded: dict) -> dict:
        """The service worker's part: decrypt the aes128gcm body and read the JSON."""
        plaintext = http_ece.decrypt(
            base64.b64decode(recorded["body"]),
            private_key=self.private_key,
            auth_secret=self.auth_secret,
            version="aes128gcm",
        )
        return json.loads(plaintext)


def resident(schema: str, **kwargs: object) -> Resident:
    return resident_with_pin(schema, **kwargs)


def paired_phone(schema: str, owner: Resident) -> tuple[str, MobileDevice]:
    token = paired_token(schema, owner)
    with schema_context(schema):
        return token, device_for_token(token)


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Celery tasks run at once in the test process (retries too, without waiting; a
    retry is how the task ends, so it is not raised into the test)."""
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, False
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture(scope="session")
def push_server(demo_towns, tmp_path_factory) -> Iterator[TownServer]:
    """gunicorn on the test database: the towns, and the push stand-in on each host."""
    with serving_test_database(tmp_path_factory.mktemp("push-gunicorn") / "gunicorn.log") as s:
        yield s


@pytest.fixture
def stand_in(push_server, settings) -> Iterator[TownServer]:
    """The FCM and APNs base URLs pointed at the stand-in on Zembrzyce's host; the
    stand-in's records of both towns cleared."""
    base = push_server.url(ZEMBRZYCE, "/symulator-push")
    settings.PUSH_FCM_URL = f"{base}/fcm"
    settings.PUSH_FCM_TOKEN_URL = f"{base}/fcm/token"
    settings.PUSH_APNS_URL = f"{base}/apns"
    settings.PUSH_APNS_SANDBOX_URL = f"{base}/apns"
    for schema in ("zembrzyce", "glogow"):
        state.clear(schema)
    yield push_server
    for schema in ("zembrzyce", "glogow"):
        state.clear(schema)
