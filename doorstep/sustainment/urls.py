from django.urls import path

from doorstep.sustainment import views

app_name = "sustainment"
urlpatterns = [
    path("", views.referral_list, name="referral_list"),
    path("new/", views.referral_create, name="referral_create"),
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/re-offer/", views.jobs_reoffer, name="jobs_reoffer"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/slot/", views.job_rebook, name="job_rebook"),
    path("jobs/<int:pk>/hold/", views.job_hold, name="job_hold"),
    path("jobs/<int:pk>/outcome/", views.job_outcome, name="job_outcome"),
    path("jobs/<int:pk>/send/", views.job_send, name="job_send"),
    path("jobs/<int:pk>/sheet.pdf", views.job_sheet, name="job_sheet"),
    path("<str:reference>/", views.referral_detail, name="referral_detail"),
    path("<str:reference>/close/", views.referral_close, name="referral_close"),
    path("<str:reference>/jobs/new/", views.job_create, name="job_create"),
]
