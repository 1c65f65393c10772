from django.urls import path

from doorstep.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("<str:reference>/", views.person_detail, name="person_detail"),
    path("<str:reference>/edit/", views.person_edit, name="person_edit"),
    path("<str:reference>/flags/new/", views.flag_add, name="flag_add"),
    path("<str:reference>/flags/<int:pk>/review/", views.flag_review, name="flag_review"),
    path("<str:reference>/flags/<int:pk>/reviewed/", views.flag_reviewed, name="flag_reviewed"),
    path("<str:reference>/flags/<int:pk>/end/", views.flag_end, name="flag_end"),
    path(
        "<str:reference>/emergency-contacts/new/",
        views.emergency_contact_add,
        name="emergency_contact_add",
    ),
    path(
        "<str:reference>/emergency-contacts/<int:pk>/edit/",
        views.emergency_contact_edit,
        name="emergency_contact_edit",
    ),
    path(
        "<str:reference>/emergency-contacts/<int:pk>/remove/",
        views.emergency_contact_remove,
        name="emergency_contact_remove",
    ),
    path("<str:reference>/consents/new/", views.consent_add, name="consent_add"),
    path(
        "<str:reference>/consents/<int:pk>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<str:reference>/equality/", views.equality, name="equality"),
]
