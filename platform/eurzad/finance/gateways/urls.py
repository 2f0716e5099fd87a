"""Online payment in the resident area (/konto/platnosci/…)."""

from django.urls import path

from eurzad.finance.gateways import views

app_name = "payments"
urlpatterns = [
    path("", views.payment_list, name="list"),
    path("koszyk/", views.cart, name="cart"),
    path("koszyk/usun/<int:installment_id>/", views.cart_remove, name="cart-remove"),
    path("zaplac/", views.pay, name="pay"),
    path("<int:intent_id>/", views.intent_status, name="intent"),
    path("<int:intent_id>/powrot/", views.return_page, name="return"),
    path("<int:intent_id>/anuluj/", views.cancel, name="cancel"),
]
