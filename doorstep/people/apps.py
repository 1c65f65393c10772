from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "doorstep.people"
    label = "people"

    def ready(self) -> None:
        from doorstep.myday.registry import register
        from doorstep.people.myday import flag_reviews_due, flag_reviews_work

        register("flag_reviews", flag_reviews_due, work=flag_reviews_work)
