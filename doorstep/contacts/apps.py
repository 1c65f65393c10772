from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "doorstep.contacts"
    label = "contacts"
