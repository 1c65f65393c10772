from django.urls import path

from doorstep.contacts import views

app_name = "contacts"
urlpatterns = [
    path("log/", views.contact_create, name="contact_create"),
    path(
        "contacts/<int:pk>/follow-up-done/",
        views.contact_follow_up_done,
        name="contact_follow_up_done",
    ),
    path("duty-desk/", views.duty_desk, name="duty_desk"),
    path("duty-rota/", views.duty_rota, name="duty_rota"),
    path("team-board/", views.team_board, name="team_board"),
    path("call-backs/", views.callback_list, name="callback_list"),
    path("call-backs/new/", views.callback_create, name="callback_create"),
    path("call-backs/<int:pk>/", views.callback_detail, name="callback_detail"),
    path("call-backs/<int:pk>/attempt/", views.callback_attempt, name="callback_attempt"),
    path("call-backs/<int:pk>/done/", views.callback_complete, name="callback_complete"),
    path("call-backs/<int:pk>/reassign/", views.callback_reassign, name="callback_reassign"),
]
