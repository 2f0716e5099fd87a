"""E-usługi (/e-uslugi/…) and Moje wnioski (/konto/wnioski/)."""

from django.urls import path

from eurzad.eservices import views

app_name = "eservices"
urlpatterns = [
    path("e-uslugi/", views.index, name="index"),
    path("e-uslugi/wniosek/<int:submission_id>/", views.application, name="application"),
    path("e-uslugi/wniosek/<int:submission_id>/krok/<int:number>/", views.step, name="step"),
    path("e-uslugi/wniosek/<int:submission_id>/podsumowanie/", views.summary, name="summary"),
    path("e-uslugi/wniosek/<int:submission_id>/oplata/", views.pay, name="pay"),
    path("e-uslugi/wniosek/<int:submission_id>/podpis/", views.sign, name="sign"),
    path("e-uslugi/wniosek/<int:submission_id>/podpis/gotowe/", views.signed, name="signed"),
    path(
        "e-uslugi/wniosek/<int:submission_id>/podpis/anulowano/",
        views.not_signed,
        name="not-signed",
    ),
    path("e-uslugi/wniosek/<int:submission_id>/popraw/", views.back_to_draft, name="back-to-draft"),
    path("e-uslugi/wniosek/<int:submission_id>/usun/", views.delete, name="delete"),
    path("e-uslugi/<slug:slug>/", views.form_start, name="form"),
    path("konto/wnioski/", views.mine, name="mine"),
]
