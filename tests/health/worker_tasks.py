"""Tasks a test worker loads with ``--include`` (they exist for the metrics tests only)."""

from __future__ import annotations

from django.db import connection

from eurzad.celery import app


@app.task(name="tests.health.import_from_back_office")
def import_from_back_office(fail: bool) -> str:
    """Fails on demand, as a task whose back-office system did not answer would."""
    if fail:
        raise ConnectionError("the back-office system did not answer")
    return connection.schema_name
