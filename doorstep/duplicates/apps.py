from django.apps import AppConfig


class DuplicatesConfig(AppConfig):
    name = "doorstep.duplicates"
    label = "duplicates"
    verbose_name = "Possible duplicate people"
