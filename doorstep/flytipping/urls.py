from django.urls import path

from doorstep.flytipping import views

app_name = "flytipping"
urlpatterns = [
    path("<str:reference>/details/", views.details_edit, name="details_edit"),
    path("<str:reference>/inspection/", views.inspection_request, name="inspection_request"),
    path("<str:reference>/perpetrator/", views.perpetrator, name="perpetrator"),
    path("<str:reference>/removal/", views.removal, name="removal"),
    path("<str:reference>/recharge/", views.recharge, name="recharge"),
    path("<str:reference>/signage/", views.signage, name="signage"),
]
