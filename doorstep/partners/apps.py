from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "doorstep.partners"
    label = "partners"
    verbose_name = "Partner agencies"
