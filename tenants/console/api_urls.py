from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from tenants.console import api

app_name = "operator-api"

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(
            urlconf="tenants.console.api_urls",
            custom_settings={
                "TITLE": "eurzad – API operatora",
                "DESCRIPTION": "Cykl życia gmin na platformie (operator API). Token: "
                "Authorization: Bearer eop_…, wydawany w konsoli po 2FA.",
                "SCHEMA_PATH_PREFIX": r"/api/operator/v1",
                "PREPROCESSING_HOOKS": [],
            },
            authentication_classes=[api.OperatorTokenAuthentication],
            permission_classes=[api.IsOperator],
            versioning_class=None,
        ),
        name="schema",
    ),
    path("gminy/", api.TownList.as_view(), name="towns"),
    path("gminy/odtworz/", api.Restore.as_view(), name="restore"),
    path("gminy/<str:schema_name>/", api.TownDetail.as_view(), name="town"),
    path("gminy/<str:schema_name>/zawies/", api.Suspend.as_view(), name="suspend"),
    path("gminy/<str:schema_name>/przywroc/", api.Reactivate.as_view(), name="reactivate"),
    path("gminy/<str:schema_name>/archiwizuj/", api.Archive.as_view(), name="archive"),
    path("gminy/<str:schema_name>/domeny/", api.Domains.as_view(), name="domains"),
    path("zadania/", api.JobList.as_view(), name="jobs"),
    path("zadania/<int:pk>/", api.JobDetail.as_view(), name="job"),
    path("odsetki/", api.InterestTable.as_view(), name="interest"),
    path("odsetki/stawki/", api.InterestRates.as_view(), name="interest-rates"),
    path("odsetki/stawki/<int:pk>/", api.InterestRateDetail.as_view(), name="interest-rate"),
    path("odsetki/progi/", api.InterestThresholds.as_view(), name="interest-thresholds"),
    path(
        "odsetki/progi/<int:pk>/", api.InterestThresholdDetail.as_view(), name="interest-threshold"
    ),
]
