"""``/api/v1/integracja/``: the town's back-office systems push data and read changes."""

from django.urls import path

from api.integration import submissions, views

urlpatterns = [
    path("strony/", views.PartiesUpsert.as_view(), name="integration-parties"),
    path("zobowiazania/", views.ObligationsUpsert.as_view(), name="integration-obligations"),
    path("skladniki-zobowiazan/", views.ComponentsUpsert.as_view(), name="integration-components"),
    path("raty/", views.InstallmentsUpsert.as_view(), name="integration-installments"),
    path("wplaty/", views.PaymentsUpsert.as_view(), name="integration-payments"),
    path("rozliczenia/", views.BalancesUpsert.as_view(), name="integration-balances"),
    path("sprawy/", views.CasesUpsert.as_view(), name="integration-cases"),
    path(
        "wpisy-w-rejestrach/",
        views.RegisterEntriesUpsert.as_view(),
        name="integration-register-entries",
    ),
    path("budzet/<int:year>/", views.BudgetUpsert.as_view(), name="integration-budget"),
    path("mienie/", views.PropertyUpsert.as_view(), name="integration-property"),
    path("zmiany/wplaty/", views.PaymentFeed.as_view(), name="integration-payment-feed"),
    path(
        "zmiany/wnioski-o-dostep/",
        views.AccessRequestFeed.as_view(),
        name="integration-access-request-feed",
    ),
    path("zmiany/wnioski/", views.SubmissionFeed.as_view(), name="integration-submission-feed"),
    path("wnioski/", submissions.SubmissionsView.as_view(), name="integration-submissions"),
    path(
        "wnioski/<int:submission_id>/",
        submissions.SubmissionView.as_view(),
        name="integration-submission",
    ),
    path(
        "wnioski/<int:submission_id>/pliki/<int:file_id>/",
        submissions.SubmissionFileView.as_view(),
        name="integration-submission-file",
    ),
]
