from django.apps import AppConfig


class TAReviewsConfig(AppConfig):
    name = "doorstep.ta_reviews"
    label = "ta_reviews"
    verbose_name = "Temporary accommodation reviews"

    def ready(self) -> None:
        from doorstep.myday.registry import register
        from doorstep.ta_reviews import myday

        register("ta_reviews", myday.ta_reviews_due, work=myday.ta_reviews_work)
