"""The push-service stand-in for the demo and tests: a Web Push endpoint, FCM's token
endpoint and HTTP v1 ``messages:send``, APNs' ``/3/device/<token>``, speaking the same
protocols as the real services and recording every delivery. Served on a town's host
under ``/symulator-push/`` only with SIMULATORS_ENABLED (production refuses it)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

if not settings.SIMULATORS_ENABLED:
    raise ImproperlyConfigured("The push stand-in is served only with SIMULATORS_ENABLED.")
