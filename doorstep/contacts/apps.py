from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "doorstep.contacts"
    label = "contacts"

    def ready(self) -> None:
        from doorstep.contacts import myday
        from doorstep.myday.registry import register

        register("callbacks", myday.callbacks_due, work=myday.callbacks_work)
        register("contact_follow_ups", myday.contacts_to_follow_up, work=myday.follow_ups_work)
