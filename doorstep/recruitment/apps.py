from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "doorstep.recruitment"
    label = "recruitment"
