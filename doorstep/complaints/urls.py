from django.urls import path

from doorstep.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="complaint_list"),
    path("new/", views.complaint_create, name="complaint_create"),
    path(
        "<str:reference>/stage-<int:stage>/acknowledge/",
        views.complaint_acknowledge,
        name="acknowledge",
    ),
    path("<str:reference>/stage-<int:stage>/extend/", views.complaint_extend, name="extend"),
    path("<str:reference>/stage-<int:stage>/respond/", views.complaint_respond, name="respond"),
    path("<str:reference>/escalate/", views.complaint_escalate, name="escalate"),
]
