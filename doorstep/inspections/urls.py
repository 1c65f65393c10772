from django.urls import path

from doorstep.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.schedule_list, name="schedule_list"),
    path("schedules/new/", views.schedule_create, name="schedule_create"),
    path("schedules/<int:pk>/", views.schedule_edit, name="schedule_edit"),
    path("schedules/<int:pk>/stop/", views.schedule_stop, name="schedule_stop"),
    path("schedules/<int:pk>/start/", views.schedule_start, name="schedule_start"),
    path("start/", views.inspection_start, name="inspection_start"),
    path("checklist/", views.checklist, name="checklist"),
    path("checklist/<int:pk>/", views.checklist_item_edit, name="checklist_item_edit"),
    path("checklist/<int:pk>/move/", views.checklist_item_move, name="checklist_item_move"),
    path("checklist/<int:pk>/retire/", views.checklist_item_retire, name="checklist_item_retire"),
    path("estates/<int:pk>/", views.estate_history, name="estate_history"),
    path("blocks/<int:pk>/", views.block_history, name="block_history"),
    path("<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("<int:pk>/report.pdf", views.inspection_pdf, name="inspection_pdf"),
    path("<int:pk>/answers/<int:answer_pk>/", views.answer_save, name="answer_save"),
    path("<int:pk>/answers/<int:answer_pk>/photo/", views.answer_photo, name="answer_photo"),
    path(
        "<int:pk>/answers/<int:answer_pk>/case/", views.answer_raise_case, name="answer_raise_case"
    ),
    path("fly-tipping/<str:reference>/start/", views.fly_tipping_start, name="fly_tipping_start"),
    path(
        "<int:pk>/answers/<int:answer_pk>/repair/",
        views.answer_raise_repair,
        name="answer_raise_repair",
    ),
]
