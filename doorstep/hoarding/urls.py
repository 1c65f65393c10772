from django.urls import path

from doorstep.hoarding import views

app_name = "hoarding"
urlpatterns = [
    path("<str:reference>/ratings/add/", views.rating_add, name="rating_add"),
    path("<str:reference>/assessments/add/", views.assessment_add, name="assessment_add"),
]
