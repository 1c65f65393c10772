from django.urls import path

from doorstep.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("export/", views.case_export, name="case_export"),
    path("new/", views.case_create, name="case_create"),
    path("<str:reference>/", views.case_detail, name="case_detail"),
    path("<str:reference>/edit/", views.case_edit, name="case_edit"),
    path("<str:reference>/status/", views.case_transition, name="case_transition"),
    path("<str:reference>/notes/new/", views.case_note, name="case_note"),
    path("<str:reference>/people/new/", views.case_party_add, name="case_party_add"),
    path(
        "<str:reference>/people/<int:pk>/remove/",
        views.case_party_remove,
        name="case_party_remove",
    ),
    path("<str:reference>/actions/new/", views.case_action_add, name="case_action_add"),
    path("<str:reference>/actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("<str:reference>/review/", views.case_review, name="case_review"),
    path("<str:reference>/costs/new/", views.case_cost_add, name="case_cost_add"),
    path("<str:reference>/photos/new/", views.case_attachment_add, name="case_attachment_add"),
    path("<str:reference>/photos/<int:pk>/", views.case_attachment, name="case_attachment"),
    path("<str:reference>/links/new/", views.case_link, name="case_link"),
    path("<str:reference>/links/<str:other>/remove/", views.case_unlink, name="case_unlink"),
    path("<str:reference>/satisfaction/", views.case_satisfaction, name="case_satisfaction"),
    path("<str:reference>/restriction/", views.case_restrict, name="case_restrict"),
]
