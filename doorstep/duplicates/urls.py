from django.urls import path

from doorstep.duplicates import views

app_name = "duplicates"
urlpatterns = [
    path("", views.candidate_list, name="candidate_list"),
    path("refresh/", views.candidate_refresh, name="candidate_refresh"),
    path("<int:pk>/", views.candidate_review, name="candidate_review"),
    path("merges/", views.merge_list, name="merge_list"),
    path("merges/<int:pk>/", views.merge_detail, name="merge_detail"),
    path("merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
]
