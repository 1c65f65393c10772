from django.urls import path

from doorstep.recruitment import views

app_name = "recruitment"
urlpatterns = [
    path("", views.vacancy_list, name="vacancy_list"),
    path("new/", views.vacancy_create, name="vacancy_create"),
    path("<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path("<int:pk>/criteria/new/", views.criterion_add, name="criterion_add"),
    path("<int:pk>/candidates/new/", views.candidate_add, name="candidate_add"),
    path("<int:pk>/slots/new/", views.slot_add, name="slot_add"),
    path("<int:pk>/candidates/<int:candidate_pk>/score/", views.score, name="score"),
    path("<int:pk>/submit/", views.scores_submit, name="scores_submit"),
    path("<int:pk>/candidates/<int:candidate_pk>/decision/", views.decision, name="decision"),
    path("<int:pk>/notify-hr/", views.hr_notify, name="hr_notify"),
]
