"""The public pages about the network's countries: each country, and all of them at a glance."""

from django.urls import path

from members import views

app_name = "network"

urlpatterns = [
    path("", views.network_glance, name="glance"),
    path("export.csv", views.network_glance_export, {"fmt": "csv"}, name="glance-export-csv"),
    path("export.xlsx", views.network_glance_export, {"fmt": "xlsx"}, name="glance-export-xlsx"),
    path("<str:country>/", views.country_detail, name="country-detail"),
]
