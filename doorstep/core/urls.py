from django.urls import path

from doorstep.core import views

app_name = "core"
urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("services/", views.all_services, name="all_services"),
]
