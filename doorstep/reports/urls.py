from django.urls import path

from doorstep.reports import views

app_name = "reports"

urlpatterns = [
    path("tsm/", views.tsm_report, name="tsm_report"),
    path(
        "tsm/<int:year>/measures.<str:kind>",
        views.tsm_download,
        name="tsm_download",
    ),
    path("tsm/<int:year>/<str:code>/", views.tsm_records, name="tsm_records"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("dashboard/<slug:key>.csv", views.dashboard_csv, name="dashboard_csv"),
]
