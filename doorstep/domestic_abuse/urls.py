from django.urls import path

from doorstep.domestic_abuse import views

app_name = "domestic_abuse"
urlpatterns = [
    path("<str:reference>/assessments/add/", views.assessment_add, name="assessment_add"),
    path(
        "<str:reference>/assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"
    ),
    path("<str:reference>/marac/add/", views.marac_add, name="marac_add"),
    path("<str:reference>/marac/<int:pk>/", views.marac_edit, name="marac_edit"),
    path("from-asb/<str:reference>/", views.move_from_asb, name="move_from_asb"),
]
