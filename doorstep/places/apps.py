from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "doorstep.places"
    label = "places"
