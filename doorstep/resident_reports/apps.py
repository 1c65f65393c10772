from django.apps import AppConfig


class ResidentReportsConfig(AppConfig):
    name = "doorstep.resident_reports"
    label = "resident_reports"
    verbose_name = "Reports from residents"

    def ready(self) -> None:
        from doorstep.myday.registry import register
        from doorstep.resident_reports.myday import reports_to_look_at, reports_work

        register("resident_reports", reports_to_look_at, work=reports_work)
