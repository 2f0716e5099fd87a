from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cms.alerts import current_alerts


def active_alerts(request: HttpRequest) -> dict[str, object]:
    """Active alerts for the banner on every page of a town (none on the platform host)."""
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.schema_name == "public":
        return {"active_alerts": []}
    return {"active_alerts": SimpleLazyObject(current_alerts)}
