from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "doorstep.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"
