from django.apps import AppConfig


class SustainmentConfig(AppConfig):
    name = "doorstep.sustainment"
    label = "sustainment"
    verbose_name = "Tenancy sustainment"

    def ready(self) -> None:
        from doorstep.myday.registry import register
        from doorstep.sustainment import myday

        register("support_jobs_today", myday.jobs_today, work=myday.jobs_today_work)
        register("support_jobs_to_book", myday.jobs_to_book, work=myday.jobs_to_book_work)
        # Their work moves with a colleague ("Move a colleague").
        from doorstep.sustainment import reassign
        from doorstep.teams.reassign import register as register_reassignable

        for kind in reassign.KINDS:
            register_reassignable(kind)
