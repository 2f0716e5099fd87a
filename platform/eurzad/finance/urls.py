"""The resident's obligations and payments (/konto/zobowiazania/…, /konto/wplaty/…)."""

from django.urls import path

from eurzad.finance import balance_views, views

app_name = "finance"
urlpatterns = [
    path("zobowiazania/", views.obligations, name="obligations"),
    path("zobowiazania/<int:obligation_id>/", views.obligation_detail, name="obligation"),
    path("zobowiazania/stawki-odsetek/", views.interest_rates, name="interest-rates"),
    path("rozliczenie/", balance_views.balances, name="balances"),
    path("wplaty/", views.payments, name="payments"),
    path("wplaty/<int:payment_id>/", views.payment_detail, name="payment"),
    path(
        "wplaty/<int:payment_id>/potwierdzenie.pdf",
        views.payment_receipt,
        name="payment-receipt",
    ),
]
