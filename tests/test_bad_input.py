"""Bad input never makes a server error: NUL, overlong, overflowing, negative and
wrong-type values in every query parameter, and NUL in every path parameter.

Nothing here keeps a list of parameters by hand:
- pages: every view in the town's URLconf and every Wagtail page type that declares a
  ``query_form`` (:mod:`eurzad.core.query`) — each field of that form is a parameter;
- API: every GET parameter the OpenAPI schemas declare (the town's ``/api/v1/schema/``
  and the operator API's ``/api/operator/v1/schema/`` on the platform host);
- paths: every named URL pattern with a parameter, in both URLconfs;
- a source scan fails when a view reads ``request.GET`` / ``query_params`` without a
  declared form or serializer, so nothing new escapes the enumeration.

The expected answer is computed from the declaration itself: a value the form (or the
parameter's schema) refuses must be a 400 — with the form's errors on the page, or a
problem document in the API — and nothing is ever a 5xx.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_tenants.utils import schema_context
from rest_framework.fields import BooleanField
from rest_framework.throttling import SimpleRateThrottle
from wagtail.models import Page, get_page_models

from eurzad.core.query import QueryForm
from eurzad.finance.models import Installment, Obligation, ObligationKind
from eurzad.identity.models import Resident
from eurzad.parties.models import Party
from eurzad.registers.budget.models import BudgetYear
from eurzad.registers.queries import public_registers
from tenants.console import api_tokens
from tests.api.integration.helpers import api_client as integration_client
from tests.api.mobile.helpers import new_pesel, paired_token, resident_with_pin
from tests.conftest import GLOGOW_HOST, PLATFORM_HOST, ROOT, ZEMBRZYCE_HOST, host_client
from tests.console.conftest import console_client, make_operator

BAD_VALUES = {
    "nul": "a\x00b",
    "overlong": "x" * 10_000,
    "overflow-exponent": "1e999999",
    "overflow-integer": "99999999999999999999",
    "negative": "-1",
    "zero": "0",
    "wrong-type": "abc",
    "null": "null",
}
TOWNS = {"zembrzyce": ZEMBRZYCE_HOST, "glogow": GLOGOW_HOST}
PLACEHOLDER_INT, PLACEHOLDER_TEXT = 424242, "zzplaceholderzz"


@pytest.fixture(autouse=True)
def _no_throttling(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Hundreds of requests from one address: not what the throttles are about here. DRF
    # binds the rates to its throttle class when imported, so overriding the setting alone
    # changes nothing.
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES",
                        {scope: "1000000/min" for scope in rates})  # fmt: skip
    cache.clear()


# --- what the pages declare ------------------------------------------------------------


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    """Every URL pattern with its namespaced name prefix."""
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from _patterns(item, inner)
        else:
            yield namespace, item


def _declared_views(urlconf: str) -> list[tuple[str, URLPattern, type[QueryForm]]]:
    return [
        (namespace + pattern.name, pattern, pattern.callback.query_form)
        for namespace, pattern in _patterns(get_resolver(urlconf))
        if pattern.name and hasattr(pattern.callback, "query_form")
    ]


def _declared_pages() -> list[type[Page]]:
    return [model for model in get_page_models() if hasattr(model, "query_form")]


def test_views_and_pages_declare_their_query_forms():
    names = {name for name, _pattern, _form in _declared_views("eurzad.urls_tenant")}
    assert {"search", "registers:register", "registers:properties", "budget:year",
            "finance:obligations", "finance:payments"} <= names  # fmt: skip
    assert {model.__name__ for model in _declared_pages()} >= {
        "NewsIndexPage", "ServiceCatalogueIndexPage"
    }  # fmt: skip


# --- sample values for the path parameters of declared views -----------------------------


def _path_samples(schema: str) -> dict[str, Any]:
    with schema_context(schema):
        register = public_registers().first()
        year = BudgetYear.objects.order_by("year").first()
        # The bad-input resident's own obligation (_resident_client), for its calculator.
        obligation = Obligation.objects.filter(
            party__resident__user__username=f"bad-input-{schema}"
        ).first()
        return {
            "slug": register.slug if register else "brak",
            "year": year.year if year else 2025,
            "obligation_id": obligation.pk if obligation else 0,
        }


def _staff_client(schema: str, host: str) -> Client:
    with schema_context(schema):
        user = get_user_model().objects.create_superuser(username=f"bad-input-staff-{schema}")
        client = host_client(host)
        client.force_login(user)
    return client


def _resident_client(schema: str, host: str) -> Client:
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"bad-input-{schema}")
        party = Party.objects.create(kind=Party.Kind.NATURAL, first_name="Ola",
                                     last_name="Wejście", pesel=new_pesel())  # fmt: skip
        Resident.objects.create(user=user, party=party)
        obligation = Obligation.objects.create(
            party=party, kind=ObligationKind.objects.order_by("pk").first(), year=2026,
            amount=Decimal("100.00"), source="test", external_id=f"bad-input-{schema}",
        )  # fmt: skip
        Installment.objects.create(
            obligation=obligation, number=1, due_date=date(2026, 3, 16), amount=Decimal("100.00")
        )
        client = host_client(host)
        client.force_login(user)
    return client


def _page_urls(schema: str, urlconf: str = "eurzad.urls_tenant"
               ) -> Iterator[tuple[str, str, type[QueryForm]]]:  # fmt: skip
    """(what, URL, form) of every declared view and live page of a declared type."""
    samples = _path_samples(schema)
    for name, pattern, form in _declared_views(urlconf):
        params = list(pattern.pattern.converters)
        missing = set(params) - set(samples)
        assert not missing, f"{name}: no sample value for path parameter(s) {missing}"
        url = reverse(name, urlconf=urlconf, kwargs={p: samples[p] for p in params})
        yield name, url, form
    if urlconf != "eurzad.urls_tenant":
        return
    with schema_context(schema):
        for model in _declared_pages():
            for page in model.objects.live():
                yield model.__name__, page.url, model.query_form


def _expect_refused(form: type[QueryForm], name: str, value: str) -> bool:
    return not form({name: value}).is_valid()


def _page_failures(client: Client, url: str, form: type[QueryForm]) -> Iterator[str]:
    for name in form.base_fields:
        for kind, value in BAD_VALUES.items():
            response = client.get(url, {name: value})
            refused = kind == "nul" or _expect_refused(form, name, value)
            expected = 400 if refused else 200
            if response.status_code != expected:
                yield f"{url}?{name}=<{kind}>: {response.status_code}, expected {expected}"
                continue
            html = response.content.decode()
            if kind == "nul":
                ok = "Nieprawidłowy adres strony" in html
            else:
                ok = not refused or 'id="query-errors"' in html
            if not ok:
                yield f"{url}?{name}=<{kind}>: the page does not say what is wrong"


def test_every_page_parameter_takes_bad_values_without_a_server_error(towns):
    failures, exercised, declared = [], set(), set()
    for schema, host in TOWNS.items():
        clients = {"/konto/": _resident_client(schema, host),
                   "/admin/": _staff_client(schema, host), "/": host_client(host)}  # fmt: skip
        for what, url, form in _page_urls(schema):
            declared.add(what)
            client = next(c for prefix, c in clients.items() if url.startswith(prefix))
            if client.get(url).status_code != 200:
                continue  # e.g. a town without a budget yet: the other town has one
            exercised.add(what)
            failures += _page_failures(client, url, form)
    assert exercised == declared, f"never exercised: {declared - exercised}"
    assert not failures, "\n".join(failures)


def test_every_console_parameter_takes_bad_values_without_a_server_error(towns):
    operator = console_client(make_operator("bad-input-console"))
    failures, declared = [], list(_page_urls("glogow", "eurzad.urls_public"))
    assert {what for what, _url, _form in declared} >= {
        "console:towns", "console:jobs", "console:audit"
    }  # fmt: skip
    for _what, url, form in declared:
        assert operator.get(url).status_code == 200, url
        failures += _page_failures(operator, url, form)
    assert not failures, "\n".join(failures)


def test_a_refused_value_stays_in_the_form_with_its_message(glogow):
    response = glogow.get("/szukaj/", {"q": "ratusz" * 40})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'value="{"ratusz" * 40}"' in html
    assert "co najwyżej 200 znaków" in html


def test_the_refusal_page_is_in_the_look_of_the_host_town_only(zembrzyce, glogow):
    for client, own, other in [(zembrzyce, "Zembrzyce", "Głogów"), (glogow, "Głogów", "Zembrzyce")]:
        response = client.get("/szukaj/", {"q": "a\x00"})
        html = response.content.decode()
        assert response.status_code == 400 and "Nieprawidłowy adres strony" in html
        assert own in html and other not in html


def test_the_news_feed_reads_no_query(zembrzyce):
    assert zembrzyce.get("/aktualnosci/", {"strona": "abc"}).status_code == 400
    assert zembrzyce.get("/aktualnosci/rss/", {"strona": "abc"}).status_code == 200


def test_the_error_page_is_english_under_en(zembrzyce):
    response = zembrzyce.get("/en/szukaj/", {"q": "a\x00"})
    assert response.status_code == 400
    assert "Invalid page address" in response.content.decode()


# --- NUL in every path parameter ----------------------------------------------------------


def _placeholder_paths(urlconf: str, bad: str = "%00", ints_only: bool = False
                       ) -> Iterator[str]:  # fmt: skip
    """Each named URL with one path parameter replaced by ``bad`` (the others harmless)."""
    for namespace, pattern in _patterns(get_resolver(urlconf)):
        converters = pattern.pattern.converters
        if not pattern.name or not converters:
            continue
        kwargs = {
            name: PLACEHOLDER_INT if type(conv).__name__ == "IntConverter" else PLACEHOLDER_TEXT
            for name, conv in converters.items()
        }
        try:
            url = reverse(namespace + pattern.name, urlconf=urlconf, kwargs=kwargs)
        except Exception:  # a name reused with other parameters: its sibling is tried
            continue
        for name, value in kwargs.items():
            if ints_only and value != PLACEHOLDER_INT:
                continue
            others = {k: v for k, v in kwargs.items() if k != name}
            yield _substitute(url, str(value), others, bad)


def _substitute(url: str, placeholder: str, others: dict[str, Any], bad: str) -> str:
    url = url.replace(placeholder, bad, 1)
    for value in others.values():
        url = url.replace(str(value), "1" if isinstance(value, int) else "x", 1)
    return url


def test_nul_in_every_path_parameter_is_refused_with_400(towns):
    resident = _resident_client("glogow", GLOGOW_HOST)
    town_paths = sorted(set(_placeholder_paths("eurzad.urls_tenant")))
    platform_paths = sorted(set(_placeholder_paths("eurzad.urls_public")))
    assert len(town_paths) > 20 and platform_paths
    wagtail_paths = ["/%00/", "/aktualnosci/%00/", "/en/%00/"]
    failures = []
    for path, client in [*((p, resident) for p in [*town_paths, *wagtail_paths]),
                         *((p, host_client(PLATFORM_HOST)) for p in platform_paths)]:  # fmt: skip
        response = client.get(path)
        if response.status_code != 400:
            failures.append(f"{path}: {response.status_code}")
        elif path.startswith("/api/") and response["Content-Type"] != "application/problem+json":
            failures.append(f"{path}: {response['Content-Type']}")
    assert not failures, "\n".join(failures)


def test_an_overflowing_number_in_every_integer_path_parameter_is_no_server_error(towns):
    resident = _resident_client("glogow", GLOGOW_HOST)
    paths = sorted(set(_placeholder_paths("eurzad.urls_tenant", BAD_VALUES["overflow-integer"],
                                          ints_only=True)))  # fmt: skip
    assert len(paths) > 10
    failures = [f"{path}: {status}" for path in paths
                if (status := resident.get(path).status_code) >= 500]  # fmt: skip
    assert not failures, "\n".join(failures)


# --- every GET parameter of the OpenAPI schemas --------------------------------------------


def _schema(client: Client, path: str) -> dict[str, Any]:
    response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return yaml.safe_load(response.content)


def _conforms(value: str, schema: dict[str, Any]) -> bool:
    """Whether a query string value is one the parameter's schema allows."""
    if "enum" in schema:
        return value in [str(item) for item in schema["enum"]]
    kind = schema.get("type", "string")
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            return False
        number = int(value)
        return schema.get("minimum", number) <= number <= schema.get("maximum", number)
    if kind == "boolean":  # as DRF reads a boolean (1/0, yes/no… too)
        allowed = [str(v) for v in (*BooleanField.TRUE_VALUES, *BooleanField.FALSE_VALUES)]
        return value in allowed + (["null"] if schema.get("nullable") else [])
    if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value)):
        return False
    if schema.get("format") == "date":
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
    return not schema.get("pattern") or re.search(schema["pattern"], value) is not None


def _operations(schema: dict[str, Any], prefix: str = ""
                ) -> Iterator[tuple[str, dict[str, Any]]]:  # fmt: skip
    for path, item in schema["paths"].items():
        if "get" in item:
            yield prefix + path, item["get"]


def _fill(path: str, operation: dict[str, Any], samples: dict[str, Any]) -> str:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            name = parameter["name"]
            value = samples.get(name, 1 if parameter["schema"].get("type") == "integer" else "x")
            path = path.replace("{" + name + "}", quote(str(value)))
    return path


def _exercise_schema(client: Client, schema: dict[str, Any], samples: dict[str, Any],
                     prefix: str = "") -> tuple[list[str], int]:  # fmt: skip
    failures, tried = [], 0
    for path, operation in _operations(schema, prefix):
        url = _fill(path, operation, samples)
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query":
                continue
            name, declared = parameter["name"], parameter.get("schema", {})
            if declared.get("type") == "integer" and "minimum" not in declared:
                failures.append(f"{path} {name}: an integer with no declared minimum")
            for kind, value in BAD_VALUES.items():
                tried += 1
                response = client.get(f"{url}?{urlencode({name: value})}")
                status = response.status_code
                where = f"GET {path}?{name}=<{kind}>"
                if status >= 500:
                    failures.append(f"{where}: {status}")
                elif kind == "nul" or not _conforms(value, declared):
                    if status not in (400, 404) or (kind == "nul" and status != 400):
                        failures.append(f"{where}: {status}, expected 400")
                    elif response["Content-Type"] != "application/problem+json":
                        failures.append(f"{where}: {response['Content-Type']}")
    return failures, tried


def test_every_get_parameter_of_the_town_api_takes_bad_values(towns):
    resident = resident_with_pin("glogow")
    _api, key = integration_client("glogow")
    device = paired_token("glogow", resident)
    schema = _schema(host_client(GLOGOW_HOST), "/api/v1/schema/")
    samples = _path_samples("glogow")
    failures, tried = [], 0
    for prefix, auth in [("/api/v1/mobile/", f"Bearer {device}"),
                         ("/api/v1/integracja/", f"ApiKey {key}"),
                         ("/api/v1/otwarte-dane/", "")]:  # fmt: skip
        part = {**schema, "paths": {p: i for p, i in schema["paths"].items()
                                    if p.startswith(prefix)}}  # fmt: skip
        extra = {"HTTP_AUTHORIZATION": auth} if auth else {}
        found, count = _exercise_schema(host_client(GLOGOW_HOST, **extra), part, samples)
        failures += found
        tried += count
    assert tried > 300
    assert not failures, "\n".join(failures)


def test_every_get_parameter_of_the_operator_api_takes_bad_values(towns):
    token = api_tokens.issue(make_operator("bad-input"), "testy").token
    client = host_client(PLATFORM_HOST, HTTP_AUTHORIZATION=f"Bearer {token}")
    schema = _schema(client, "/api/operator/v1/schema/")
    # Its paths are relative to the API's root (SCHEMA_PATH_PREFIX).
    failures, tried = _exercise_schema(client, schema, {"schema_name": "glogow"},
                                       prefix="/api/operator/v1")  # fmt: skip
    assert tried >= 40
    assert not failures, "\n".join(failures)


# --- nothing reads the query string behind the declarations' back --------------------------

# Files allowed to read request.GET / query_params directly, and why.
DIRECT_READERS = {
    "platform/eurzad/core/query.py": "binds the declared forms",
    "api/serializers.py": "checked_query binds the API's query serializers",
    "api/pagination.py": "checks strona/na_stronie (PageQuery), then DRF pages",
    "api/open/views.py": "binds each dataset's filters_class",
    "api/integration/views.py": "binds FeedQuerySerializer",
    # Protocol parameters, checked by their protocol's code (and NUL by the middleware).
    "platform/eurzad/identity/views.py": "login.gov.pl: next, SAMLart, RelayState",
    "platform/eurzad/finance/gateways/views.py": "the payment return's token",
    "platform/eurzad/pwa/views.py": "the icon's cache-busting version",
    "platform/eurzad/notifications/push/simulator/views.py": "a simulator",
    "platform/eurzad/channels/simulator/ade/views.py": "a simulator (login_hint, UA API query)",
    "platform/eurzad/finance/gateways/simulator/payu/pages.py": "a simulator (the payer's page)",
    "tenants/console/views.py": "the console login's next (a redirect target)",
}


def test_no_view_reads_the_query_string_without_a_declaration():
    readers = set()
    for path in [*ROOT.glob("platform/eurzad/**/*.py"), *ROOT.glob("api/**/*.py"),
                 *ROOT.glob("cms/**/*.py"), *ROOT.glob("tenants/**/*.py"),
                 *ROOT.glob("themes/**/*.py")]:  # fmt: skip
        tree = ast.parse(Path(path).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("GET", "query_params"):
                readers.add(str(path.relative_to(ROOT)))
    assert readers - set(DIRECT_READERS) == set()
