from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "doorstep.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from doorstep.accounts.middleware import remember_state

        user_logged_in.connect(remember_state, dispatch_uid="doorstep-two-factor-state")
