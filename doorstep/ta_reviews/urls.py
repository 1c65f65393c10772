from django.urls import path

from doorstep.ta_reviews import views

app_name = "ta_reviews"
urlpatterns = [
    path("", views.placement_list, name="placement_list"),
    path("<str:reference>/", views.placement_reviews, name="placement_reviews"),
    path("<str:reference>/review/", views.review_create, name="review_create"),
]
