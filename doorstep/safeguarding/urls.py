from django.urls import path

from doorstep.safeguarding import views

app_name = "safeguarding"
urlpatterns = [
    path("", views.referral_list, name="referral_list"),
    path("new/", views.referral_create, name="referral_create"),
    path("new/draft/", views.referral_draft, name="referral_draft"),
    path("new/draft/discard/", views.referral_draft_discard, name="referral_draft_discard"),
    path("<str:reference>/", views.referral_detail, name="referral_detail"),
    path("<str:reference>/clock/", views.referral_clock, name="referral_clock"),
    path("<str:reference>/sent/", views.referral_mark_sent, name="referral_mark_sent"),
    path("<str:reference>/outcome/", views.referral_outcome, name="referral_outcome"),
    path("<str:reference>/form.pdf", views.referral_pdf, name="referral_pdf"),
]
