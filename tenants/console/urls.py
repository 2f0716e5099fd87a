from django.urls import path

from tenants.console import views

app_name = "console"

urlpatterns = [
    path("logowanie/", views.login_view, name="login"),
    path("logowanie/kod/", views.totp_view, name="totp"),
    path("logowanie/2fa/", views.enrol_view, name="enrol"),
    path("wyloguj/", views.logout_view, name="logout"),
    path("", views.town_list, name="towns"),
    path("gminy/nowa/", views.onboard_view, name="onboard"),
    path("gminy/odtworz/", views.restore_view, name="restore"),
    path("gminy/<str:schema_name>/", views.town_detail, name="town"),
    path("gminy/<str:schema_name>/domeny/", views.domains_view, name="domains"),
    path(
        "gminy/<str:schema_name>/integracje/<str:kind>/",
        views.integration_view,
        name="integration",
    ),
    path("gminy/<str:schema_name>/zawies/", views.suspend_view, name="suspend"),
    path("gminy/<str:schema_name>/przywroc/", views.reactivate_view, name="reactivate"),
    path("gminy/<str:schema_name>/archiwizuj/", views.archive_view, name="archive"),
    path("gminy/<str:schema_name>/usun/", views.delete_view, name="delete"),
    path("gminy/<str:schema_name>/blokady/", views.lockouts_view, name="town-lockouts"),
    path("gminy/<str:schema_name>/blokady/zdejmij/", views.unlock_view, name="town-unlock"),
    path("blokady/", views.lockouts_view, name="lockouts"),
    path("blokady/zdejmij/", views.unlock_view, name="unlock"),
    path("zadania/", views.jobs_view, name="jobs"),
    path("dziennik/", views.audit_view, name="audit"),
    path("tokeny/", views.tokens_view, name="tokens"),
    path("tokeny/<int:pk>/uniewaznij/", views.revoke_token_view, name="revoke-token"),
    path("odsetki/", views.interest_view, name="interest"),
    path("odsetki/stawki/nowa/", views.interest_rate_add_view, name="interest-rate-add"),
    path("odsetki/stawki/<int:pk>/", views.interest_rate_view, name="interest-rate"),
    path(
        "odsetki/stawki/<int:pk>/usun/",
        views.interest_rate_delete_view,
        name="interest-rate-delete",
    ),
    path("odsetki/progi/nowy/", views.interest_threshold_add_view, name="interest-threshold-add"),
    path("odsetki/progi/<int:pk>/", views.interest_threshold_view, name="interest-threshold"),
    path(
        "odsetki/progi/<int:pk>/usun/",
        views.interest_threshold_delete_view,
        name="interest-threshold-delete",
    ),
]
