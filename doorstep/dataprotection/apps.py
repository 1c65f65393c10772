from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    name = "doorstep.dataprotection"
    label = "dataprotection"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from doorstep.dataprotection import sar_sections
        from doorstep.dataprotection.myday import requests_overdue
        from doorstep.myday.registry import register

        sar_sections.register_all()
        register("subject_access_requests", requests_overdue)
