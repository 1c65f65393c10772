from django.apps import AppConfig


class MydayConfig(AppConfig):
    name = "doorstep.myday"
    label = "myday"
