from django.urls import path

from doorstep.teams import views

app_name = "teams"
urlpatterns = [
    path("", views.board, name="board"),
    path("check-in/", views.check_in, name="check_in"),
    path("check-in/<int:member_pk>/", views.check_in, name="check_in_for"),
    path("<int:team_pk>/priorities/", views.priorities, name="priorities"),
    path("caseload/", views.caseload, name="caseload"),
    path("move/", views.move, name="move"),
    path("moves/", views.move_list, name="move_list"),
    path("moves/<int:pk>/", views.move_detail, name="move_detail"),
    path("moves/<int:pk>/undo/", views.move_undo, name="move_undo"),
]
