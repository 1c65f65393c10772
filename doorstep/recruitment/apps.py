from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "doorstep.recruitment"
    label = "recruitment"

    def ready(self) -> None:
        from doorstep.myday.registry import register
        from doorstep.recruitment.myday import interviews_due, interviews_work

        register("interviews", interviews_due, work=interviews_work)
