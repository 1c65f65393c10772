from django.urls import path

from doorstep.welfare import views

app_name = "welfare"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/coverage/", views.coverage, name="coverage"),
    path("<int:pk>/coverage.csv", views.coverage_csv, name="coverage_csv"),
    path("<int:pk>/people/<str:reference>/", views.call, name="call"),
    path("<int:pk>/calls/<int:call_pk>/", views.call_detail, name="call_detail"),
    path("<int:pk>/calls/<int:call_pk>/case/", views.call_open_case, name="call_open_case"),
]
