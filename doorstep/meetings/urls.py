from django.urls import path

from doorstep.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/attendees/new/", views.attendee_add, name="attendee_add"),
    path(
        "<int:pk>/attendees/<int:attendee_pk>/attendance/",
        views.attendance,
        name="attendance",
    ),
    path("<int:pk>/actions/new/", views.action_add, name="action_add"),
    path("<int:pk>/actions/<int:action_pk>/done/", views.action_done, name="action_done"),
    path("<int:pk>/next/", views.meeting_follow_up, name="meeting_follow_up"),
]
