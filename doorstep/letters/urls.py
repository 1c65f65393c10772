from django.urls import path

from doorstep.letters import views

app_name = "letters"
urlpatterns = [
    path("", views.run_list, name="run_list"),
    path("send/", views.send, name="send"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/letters.pdf", views.run_pdf, name="run_pdf"),
    path("runs/<int:pk>/resume/", views.run_resume, name="run_resume"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/archive/", views.template_archive, name="template_archive"),
    path("templates/<int:pk>/preview.pdf", views.template_preview_pdf, name="template_preview_pdf"),
    path("signs/", views.sign, name="sign"),
    path("signs/sign.pdf", views.sign_download, name="sign_download"),
]
