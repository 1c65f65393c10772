from django.urls import path

from doorstep.tenancies import views

app_name = "tenancies"
urlpatterns = [
    path("homes/<int:home_pk>/new/", views.tenancy_create, name="tenancy_create"),
    path("<str:reference>/", views.tenancy_detail, name="tenancy_detail"),
    path("<str:reference>/end/", views.tenancy_end, name="tenancy_end"),
]
