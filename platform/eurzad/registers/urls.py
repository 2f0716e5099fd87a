"""Public registers and property search; the resident's own register entries."""

from django.urls import path

from eurzad.registers import views

app_name = "registers"
urlpatterns = [
    path("rejestry/", views.register_index, name="index"),
    path("rejestry/<slug:slug>/", views.register_detail, name="register"),
    path("rejestry/<slug:slug>/<path:number>/", views.entry_detail, name="entry"),
    path("mienie/", views.property_search, name="properties"),
    path("mienie/<int:property_id>/", views.property_detail, name="property"),
    path("konto/rejestry/", views.my_entries, name="mine"),
]
