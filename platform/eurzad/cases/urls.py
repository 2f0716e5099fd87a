"""Moje sprawy (/konto/sprawy/…)."""

from django.urls import path

from eurzad.cases import views

app_name = "cases"
urlpatterns = [
    path("sprawy/", views.cases, name="cases"),
    path("sprawy/<int:case_id>/", views.case_detail, name="case"),
    path("sprawy/<int:case_id>/odpowiedz/", views.case_reply, name="reply"),
    path(
        "sprawy/<int:case_id>/dokumenty/<int:document_id>/",
        views.document_download,
        name="document",
    ),
]
