from django.urls import path

from doorstep.hazards import views

app_name = "hazards"
urlpatterns = [
    path("breaches/", views.breach_list, name="breach_list"),
    path("new/", views.hazard_create, name="hazard_create"),
    path("<str:reference>/details/", views.hazard_details, name="hazard_details"),
    path("<str:reference>/summary-letter.pdf", views.summary_letter, name="summary_letter"),
    path("<str:reference>/<str:step>/", views.milestone, name="milestone"),
]
