"""The public report page at /report (its short address, printed on letters and signs) and the
staff pages under /resident-reports/."""

from django.urls import path

from doorstep.resident_reports import views

app_name = "resident_reports"
urlpatterns = [
    path("report", views.report, name="report"),
    path("report/thank-you", views.report_thanks, name="report_thanks"),
    path("report/<slug:code>", views.report, name="report_place"),
    path("resident-reports/", views.report_list, name="report_list"),
    path("resident-reports/<str:reference>/", views.report_detail, name="report_detail"),
    path(
        "resident-reports/<str:reference>/reporter/",
        views.report_reporter,
        name="report_reporter",
    ),
    path("resident-reports/<str:reference>/photo/", views.report_photo, name="report_photo"),
    path(
        "resident-reports/<str:reference>/open-case/",
        views.report_open_case,
        name="report_open_case",
    ),
    path(
        "resident-reports/<str:reference>/dealt-with/",
        views.report_dealt_with,
        name="report_dealt_with",
    ),
]
