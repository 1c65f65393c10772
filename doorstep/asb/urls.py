from django.urls import path

from doorstep.asb import views

app_name = "asb"
urlpatterns = [
    path("community-triggers/", views.community_triggers, name="community_triggers"),
    path("catch-up/", views.catch_up, name="catch_up"),
    path("cases/<str:reference>/details/", views.details_edit, name="details_edit"),
    path("cases/<str:reference>/incidents/add/", views.incident_add, name="incident_add"),
    path("cases/<str:reference>/tools/add/", views.tool_add, name="tool_add"),
    path("cases/<str:reference>/risk-assessment/", views.risk_assessment, name="risk_assessment"),
    path("cases/<str:reference>/mediation/", views.mediation, name="mediation"),
    path(
        "cases/<str:reference>/mediation/<int:pk>/outcome/",
        views.mediation_outcome,
        name="mediation_outcome",
    ),
]
