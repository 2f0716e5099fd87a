"""``/api/v1/otwarte-dane/``: the town's open data (read-only, no login)."""

from django.urls import path

from api.open import views

app_name = "open"

urlpatterns = [
    path("", views.OpenDataIndexView.as_view(), name="index"),
    path("ostrzezenia/", views.AlertList.as_view(), name="alerts"),
    path("aktualnosci/", views.NewsList.as_view(), name="news"),
    path("katalog-uslug/kategorie/", views.ServiceCategoryList.as_view(),
         name="service-categories"),
    path("katalog-uslug/sytuacje-zyciowe/", views.LifeSituationList.as_view(),
         name="life-situations"),
    path("katalog-uslug/uslugi/", views.ServiceList.as_view(), name="services"),
    path("rejestry/", views.RegisterList.as_view(), name="registers"),
    path("rejestry/<slug:slug>/", views.RegisterDetail.as_view(), name="register"),
    path("rejestry/<slug:slug>/wpisy/", views.RegisterEntryList.as_view(),
         name="register-entries"),
    path("rejestry/<slug:slug>/wpisy/<path:number>/", views.RegisterEntryDetail.as_view(),
         name="register-entry"),
    path("budzet/", views.BudgetYearList.as_view(), name="budget-years"),
    path("budzet/<int:year>/", views.BudgetYearDetail.as_view(), name="budget-year"),
    path("budzet/<int:year>/pozycje/", views.BudgetLineList.as_view(), name="budget-lines"),
    path("mienie/", views.PropertyList.as_view(), name="properties"),
    path("mienie/<int:pk>/", views.PropertyDetail.as_view(), name="property"),
]  # fmt: skip
