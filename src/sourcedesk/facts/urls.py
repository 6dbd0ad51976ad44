from django.urls import path

from . import views

app_name = "facts"

urlpatterns = [
    path("", views.index, name="index"),
    path("rates/", views.rates, name="rates"),
    path("rates.csv", views.rates_csv, name="rates_csv"),
    path("prices/", views.prices, name="prices"),
    path("prices.csv", views.prices_csv, name="prices_csv"),
    path("fees/", views.fees, name="fees"),
    path("fees.csv", views.fees_csv, name="fees_csv"),
    path("annotate/", views.annotate, name="annotate"),
    path("<str:kind>/<int:pk>/remove/", views.remove, name="remove"),
]
