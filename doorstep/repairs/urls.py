from django.urls import path

from doorstep.repairs import views

app_name = "repairs"
urlpatterns = [
    path("", views.repair_list, name="repair_list"),
    path("overdue/", views.overdue_list, name="overdue_list"),
    path("new/", views.repair_create, name="repair_create"),
    path("contractors/", views.contractor_list, name="contractor_list"),
    path("contractors/new/", views.contractor_create, name="contractor_create"),
    path("contractors/<int:pk>/edit/", views.contractor_edit, name="contractor_edit"),
    path("<str:reference>/", views.repair_detail, name="repair_detail"),
    path("<str:reference>/status/", views.repair_status, name="repair_status"),
    path("<str:reference>/complete/", views.repair_complete, name="repair_complete"),
]
