from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "doorstep.people"
    label = "people"

    def ready(self) -> None:
        from doorstep.myday.registry import register
        from doorstep.people.myday import flag_reviews_due

        register("flag_reviews", flag_reviews_due)
