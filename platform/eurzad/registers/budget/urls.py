"""The public budget pages (/budzet/…)."""

from django.urls import path

from eurzad.registers.budget import views

app_name = "budget"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year_detail, name="year"),
    path("<int:year>.csv", views.year_csv, name="year-csv"),
]
