from django.urls import path

from doorstep.places import views

app_name = "places"
urlpatterns = [
    path("estates/", views.estate_list, name="estate_list"),
    path("estates/new/", views.estate_create, name="estate_create"),
    path("estates/<int:pk>/", views.estate_detail, name="estate_detail"),
    path("estates/<int:pk>/edit/", views.estate_edit, name="estate_edit"),
    path("estates/<int:estate_pk>/blocks/new/", views.block_create, name="block_create"),
    path("blocks/<int:pk>/", views.block_detail, name="block_detail"),
    path("blocks/<int:pk>/edit/", views.block_edit, name="block_edit"),
    path("homes/", views.home_list, name="home_list"),
    path("homes/new/", views.home_create, name="home_create"),
    path("homes/<int:pk>/", views.home_detail, name="home_detail"),
    path("homes/<int:pk>/edit/", views.home_edit, name="home_edit"),
]
