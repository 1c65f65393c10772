from django.apps import AppConfig


class TenanciesConfig(AppConfig):
    name = "doorstep.tenancies"
    label = "tenancies"
