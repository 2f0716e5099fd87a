"""The budget in the Wagtail admin: the "Budżet" group sees the lines read-only and
imports a CSV, in its own town only."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from eurzad.registers.budget.defaults import BUDGET_GROUP
from eurzad.registers.budget.models import BudgetLine


def _clerk(schema: str, groups: list[str]):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from tests.conftest import host_client

    client = host_client(f"{schema}.localhost")
    with schema_context(schema):
        user = get_user_model().objects.create_user(username=f"budzet-{schema}", password="x")
        user.groups.add(*Group.objects.filter(name__in=groups))
        client.force_login(user)
    return client


def test_budget_clerk_lists_lines_read_only(towns):
    clerk = _clerk("glogow", [BUDGET_GROUP])
    listing = clerk.get("/admin/budget_lines/")
    assert listing.status_code == 200
    assert "Wynagrodzenia pracowników urzędu" in listing.content.decode()
    with schema_context("glogow"):
        line = BudgetLine.objects.first()
    assert clerk.get(f"/admin/budget_lines/edit/{line.pk}/").status_code in (302, 403)
    assert clerk.get("/admin/budget_lines/new/").status_code in (302, 403)
    assert clerk.get("/admin/budget_years/").status_code == 200


def test_budget_clerk_imports_a_csv_into_their_town(towns):
    clerk = _clerk("zembrzyce", [BUDGET_GROUP])
    assert clerk.get("/admin/budzet/import/").status_code == 200
    upload = SimpleUploadedFile(
        "b.csv",
        b"side;dzial;rozdzial;paragraf;planned\ndochody;756;75615;0310;10\n"
        b"wydatki;750;80101;4010;5\n",
        content_type="text/csv",
    )
    response = clerk.post("/admin/budzet/import/", {"year": "2040", "file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "nowe 1" in html
        and "odrzucone 1" in html
        and "Rozdział musi zaczynać się od numeru działu" in html
    )
    with schema_context("zembrzyce"):
        assert BudgetLine.objects.filter(budget_year__year=2040).count() == 1


def test_staff_without_the_group_cannot_import(towns):
    clerk = _clerk("zembrzyce", ["Editors"])
    assert clerk.get("/admin/budzet/import/").status_code in (302, 403)
