from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "doorstep.reports"
    label = "reports"
    verbose_name = "Reports and dashboards"
