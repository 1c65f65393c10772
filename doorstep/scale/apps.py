from django.apps import AppConfig


class ScaleConfig(AppConfig):
    name = "doorstep.scale"
    label = "scale"
    verbose_name = "Synthetic landlords for benchmarks"
