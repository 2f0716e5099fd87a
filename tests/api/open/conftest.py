"""Helpers of the open data tests: reading JSON pages and CSV files of the API."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django_tenants.utils import schema_context

from eurzad.registers.defaults import ALCOHOL_PERMITS
from eurzad.registers.models import RegisterDefinition, RegisterEntry

API = "/api/v1/otwarte-dane/"
SECRET_NIP = "5260250274"
SECRET_SALES = "987654"
NON_PUBLIC_FIELDS = ("nip", "fee_paid", "sales_last_year")
NON_PUBLIC_LABELS = ("NIP", "Opłata wniesiona", "Wartość sprzedaży")


def get_json(client: Any, path: str, **params: Any) -> Any:
    response = client.get(API + path, params)
    assert response.status_code == 200, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def get_csv(client: Any, path: str, **params: Any) -> list[list[str]]:
    """The whole CSV file (``?format=csv``) as rows, the header first."""
    response = client.get(API + path, {**params, "format": "csv"})
    assert response.status_code == 200, (response.status_code, getattr(response, "content", b""))
    return csv_rows(response)


def csv_text(response: Any) -> str:
    assert response.streaming, "a CSV list is streamed"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    return raw.decode("utf-8-sig")


def csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(csv_text(response)), delimiter=";"))


def column(rows: list[list[str]], name: str) -> list[str]:
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


@pytest.fixture
def secret_permit(towns: Any) -> RegisterEntry:
    """A Głogów permit whose non-public fields hold recognisable values."""
    with schema_context("glogow"):
        permits = RegisterDefinition.objects.get(slug=ALCOHOL_PERMITS)
        return RegisterEntry.objects.create(
            definition=permits,
            number="ZEZW/99/2026",
            values=permits.clean_values(
                {
                    "holder": "Winiarnia Tajemnicza",
                    "outlet_address": "ul. Jawna 1",
                    "outlet_kind": "sklep",
                    "category": "C (powyżej 18%)",
                    "nip": SECRET_NIP,
                    "fee_paid": True,
                    "sales_last_year": SECRET_SALES,
                }
            ),
            source="test",
            external_id="secret-1",
        )
