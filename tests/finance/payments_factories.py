"""Test helpers for online payment: committed residents, obligations and installments in
a town's schema (the gunicorn server must see them), a logged-in HTTP client that speaks
to ``<town>.localhost`` through 127.0.0.1, and the server with the gateway simulators."""

from __future__ import annotations

import itertools
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import import_module
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils import timezone
from django_tenants.utils import schema_context

from api.models import FeedEntry
from eurzad.finance.gateways.models import (
    GatewayConfig,
    GatewayNotification,
    PaymentIntent,
    PaymentIntentItem,
)
from eurzad.finance.models import (
    Installment,
    Obligation,
    ObligationKind,
    Payment,
    PaymentAllocation,
)
from eurzad.identity.login import BACKEND
from eurzad.identity.models import Representation, Resident
from eurzad.notifications.models import Notification
from eurzad.parties.models import Party
from tests.e2e.conftest import TownServer, serving_test_database

_counter = itertools.count(1)
SIMULATOR_PATHS = {"przelewy24": "symulator-p24", "payu": "symulator-payu"}


@dataclass
class Debtor:
    """A resident (with their own Party) and the installments they owe, committed."""

    schema: str
    resident: Resident
    party: Party
    installments: list[Installment]


@dataclass
class PaymentsWorld:
    """Creates committed test data and removes it all afterwards."""

    parties: list[tuple[str, int]] = field(default_factory=list)
    users: list[tuple[str, int]] = field(default_factory=list)

    def debtor(
        self,
        schema: str,
        amounts: tuple[str, ...] = ("100.00",),
        *,
        is_demo: bool = False,
        due: date | None = None,
    ) -> Debtor:
        """A resident owing ``amounts``, due ``due`` (today: nothing overdue, no interest)."""
        n = next(_counter)
        with schema_context(schema):
            user = get_user_model().objects.create_user(
                username=f"pay-{n}-{secrets.token_hex(3)}", email=f"pay{n}@example.org"
            )
            party = Party.objects.create(kind="natural", first_name="Test", last_name=f"Płatnik{n}")
            resident = Resident.objects.create(user=user, party=party, is_demo=is_demo)
            self.parties.append((schema, party.pk))
            self.users.append((schema, user.pk))
            installments = self.installments(schema, party, amounts, due)
        return Debtor(schema, resident, party, installments)

    def installments(
        self, schema: str, party: Party, amounts: tuple[str, ...], due: date | None = None
    ) -> list[Installment]:
        with schema_context(schema):
            kind = ObligationKind.objects.order_by("pk").first()
            obligation = Obligation.objects.create(
                party=party,
                kind=kind,
                year=2026,
                amount=sum((Decimal(a) for a in amounts), Decimal("0")),
                source="test-payments",
                external_id=f"pay-{party.pk}-{secrets.token_hex(4)}",
            )
            return [
                Installment.objects.create(
                    obligation=obligation,
                    number=i,
                    due_date=due or timezone.localdate(),
                    amount=Decimal(a),
                )
                for i, a in enumerate(amounts, start=1)
            ]

    def other_party(self, schema: str) -> Party:
        with schema_context(schema):
            party = Party.objects.create(kind="legal", name=f"Firma {next(_counter)}", nip="")
        self.parties.append((schema, party.pk))
        return party

    def cleanup(self) -> None:
        for schema, party_id in reversed(self.parties):
            with schema_context(schema):
                intents = PaymentIntent.objects.filter(party_id=party_id)
                GatewayNotification.objects.filter(intent__in=intents).delete()
                PaymentIntentItem.objects.filter(intent__in=intents).delete()
                intents.delete()
                PaymentAllocation.objects.filter(payment__party_id=party_id).delete()
                booked = Payment.objects.filter(party_id=party_id)
                # Their feed rows too: a feed entry of a deleted payment reads as nothing.
                FeedEntry.objects.filter(
                    event="payment.booked", object_id__in=booked.values("pk")
                ).delete()
                booked.delete()
                Installment.objects.filter(obligation__party_id=party_id).delete()
                Obligation.objects.filter(party_id=party_id).delete()
                Representation.objects.filter(party_id=party_id).delete()
        for schema, user_id in self.users:
            with schema_context(schema):
                Notification.objects.filter(recipient_id=user_id).delete()
                Representation.objects.filter(resident__user_id=user_id).delete()
                Resident.objects.filter(user_id=user_id).delete()
                get_user_model().objects.filter(pk=user_id).delete()
        for schema, party_id in self.parties:
            with schema_context(schema):
                Party.objects.filter(pk=party_id).delete()


def session_cookie(schema: str, resident: Resident) -> str:
    """A logged-in session for ``resident``, stored in the town's own schema."""
    engine = import_module(settings.SESSION_ENGINE)
    with schema_context(schema):
        user = resident.user
        store = engine.SessionStore()
        store[SESSION_KEY] = str(user.pk)
        # The backend logins name (the first in the list is axes', which loads no user).
        store[BACKEND_SESSION_KEY] = BACKEND
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key


class HostClient:
    """HTTP to the test server under any ``*.localhost`` name: connects to 127.0.0.1 and
    sends the Host header; keeps cookies per host; follows redirects by hand."""

    def __init__(self, server: TownServer) -> None:
        self.server = server
        self.cookies: dict[str, dict[str, str]] = {}

    def login(self, host: str, schema: str, resident: Resident) -> None:
        self.cookies.setdefault(host, {})[settings.SESSION_COOKIE_NAME] = session_cookie(
            schema, resident
        )

    def request(self, method: str, url: str, **kwargs: object) -> requests.Response:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        jar = self.cookies.setdefault(host, {})
        target = f"http://127.0.0.1:{parts.port}{parts.path}" + (
            f"?{parts.query}" if parts.query else ""
        )
        headers = {"Host": parts.netloc, **kwargs.pop("headers", {})}  # type: ignore[arg-type]
        response = requests.request(
            method,
            target,
            headers=headers,
            cookies=jar,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )
        jar.update(response.cookies.get_dict())
        response.final_url = url  # type: ignore[attr-defined]
        return response

    def follow(self, response: requests.Response, limit: int = 10) -> requests.Response:
        while response.is_redirect and limit:
            url = urljoin(response.final_url, response.headers["Location"])  # type: ignore[attr-defined]
            response = self.request("GET", url)
            limit -= 1
        return response

    def get(self, url: str) -> requests.Response:
        return self.follow(self.request("GET", url))

    def post_form(self, url: str, data: dict | list, follow: bool = True) -> requests.Response:
        """POST as the page's own form would: the CSRF token from a GET of ``url``."""
        host = urlsplit(url).hostname or ""
        if "csrftoken" not in self.cookies.get(host, {}):
            self.request("GET", url)
        token = self.cookies[host].get("csrftoken", "")
        items = list(data.items()) if isinstance(data, dict) else list(data)
        response = self.request(
            "POST", url, data=[*items, ("csrfmiddlewaretoken", token)],
            headers={"Referer": url},
        )  # fmt: skip
        return self.follow(response) if follow else response


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


@pytest.fixture(scope="session", name="payments_server")
def payments_server_fixture(
    demo_towns, tmp_path_factory, django_db_blocker
) -> Iterator[TownServer]:
    """gunicorn on the test database; every town's local gateway configurations point at
    the simulators on its platform host."""
    log = tmp_path_factory.mktemp("payments-gunicorn") / "gunicorn.log"
    with serving_test_database(log) as server:
        with django_db_blocker.unblock():
            for schema in ("zembrzyce", "glogow"):
                with schema_context(schema):
                    for gateway, path in SIMULATOR_PATHS.items():
                        GatewayConfig.objects.filter(environment="local", gateway=gateway).update(
                            api_base_url=f"{server.base}/{path}"
                        )
        yield server


@pytest.fixture(name="world")
def world_fixture(payments_server, committed_db) -> Iterator[PaymentsWorld]:
    created = PaymentsWorld()
    yield created
    created.cleanup()
