from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "doorstep.search"
    label = "search"
