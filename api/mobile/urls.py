"""``/api/v1/mobile/``: the resident's phone (see docs/api/mobile.md)."""

from django.urls import include, path

from api.mobile import balances, eservices, views

urlpatterns = [
    path("pair/", views.PairView.as_view(), name="mobile-pair"),
    path("device/", views.DeviceView.as_view(), name="mobile-device"),
    path("town/", views.TownView.as_view(), name="mobile-town"),
    path("news/", views.NewsView.as_view(), name="mobile-news"),
    path("alerts/", views.AlertsView.as_view(), name="mobile-alerts"),
    path("services/", views.ServicesView.as_view(), name="mobile-services"),
    path("me/", views.MeView.as_view(), name="mobile-me"),
    path("obligations/", views.ObligationsView.as_view(), name="mobile-obligations"),
    path(
        "obligations/<int:obligation_id>/",
        views.ObligationDetailView.as_view(),
        name="mobile-obligation",
    ),
    path("balances/", balances.BalancesView.as_view(), name="mobile-balances"),
    path("payments/", views.PaymentsView.as_view(), name="mobile-payments"),
    path("payments/<int:payment_id>/", views.PaymentDetailView.as_view(), name="mobile-payment"),
    path(
        "payments/intents/<int:intent_id>/",
        views.PaymentIntentView.as_view(),
        name="mobile-payment-intent",
    ),
    path("cases/", views.CasesView.as_view(), name="mobile-cases"),
    path("cases/<int:case_id>/", views.CaseDetailView.as_view(), name="mobile-case"),
    path("notifications/", views.NotificationsView.as_view(), name="mobile-notifications"),
    path(
        "notifications/read/",
        views.NotificationsReadView.as_view(),
        name="mobile-notifications-read",
    ),
    path(
        "notifications/unread-count/",
        views.UnreadCountView.as_view(),
        name="mobile-notifications-unread-count",
    ),
    path("push-tokens/", include("api.mobile.push_urls")),
    path("forms/", eservices.FormsView.as_view(), name="mobile-forms"),
    path("forms/<slug:form_slug>/", eservices.FormView.as_view(), name="mobile-form"),
    path(
        "forms/<slug:form_slug>/applications/",
        eservices.FormApplicationsView.as_view(),
        name="mobile-form-applications",
    ),
    path("applications/", eservices.ApplicationsView.as_view(), name="mobile-applications"),
    path(
        "applications/<int:application_id>/",
        eservices.ApplicationView.as_view(),
        name="mobile-application",
    ),
    path(
        "applications/<int:application_id>/files/",
        eservices.ApplicationFilesView.as_view(),
        name="mobile-application-files",
    ),
    path(
        "applications/<int:application_id>/files/<str:file_token>/",
        eservices.ApplicationFileView.as_view(),
        name="mobile-application-file",
    ),
    path(
        "applications/<int:application_id>/documents/<int:document_id>/",
        eservices.ApplicationDocumentView.as_view(),
        name="mobile-application-document",
    ),
    path(
        "applications/<int:application_id>/submit/",
        eservices.ApplicationSubmitView.as_view(),
        name="mobile-application-submit",
    ),
    path(
        "applications/<int:application_id>/fee-payment/",
        eservices.ApplicationFeeView.as_view(),
        name="mobile-application-fee-payment",
    ),
]
