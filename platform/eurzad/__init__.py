"""eurzad: a multi-tenant e-Urząd platform for Polish municipalities."""

from eurzad.celery import app as celery_app

__all__ = ["celery_app"]
