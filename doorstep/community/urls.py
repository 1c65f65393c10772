from django.urls import path

from doorstep.community import views

app_name = "community"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("calendar/", views.event_calendar, name="calendar"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/outcome/", views.event_outcome, name="event_outcome"),
    path("events/<int:pk>/tasks/new/", views.task_add, name="task_add"),
    path("events/<int:pk>/tasks/<int:task_pk>/done/", views.task_done, name="task_done"),
    path("events/<int:pk>/sign-ups/new/", views.sign_up_add, name="sign_up_add"),
    path(
        "events/<int:pk>/sign-ups/<int:sign_up_pk>/remove/",
        views.sign_up_remove,
        name="sign_up_remove",
    ),
    path("events/<int:pk>/photos/new/", views.photo_add, name="photo_add"),
    path("events/<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
    path("champions/", views.champion_list, name="champion_list"),
    path("champions/new/", views.champion_add, name="champion_add"),
]
