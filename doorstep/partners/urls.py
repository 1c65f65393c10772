from django.urls import path

from doorstep.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("new/", views.agency_create, name="agency_create"),
    path("<int:pk>/", views.agency_detail, name="agency_detail"),
    path("<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path(
        "<int:pk>/contacts/<int:contact_pk>/remove/",
        views.contact_remove,
        name="contact_remove",
    ),
]
