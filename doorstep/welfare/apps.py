from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "doorstep.welfare"
    label = "welfare"
    verbose_name = "Welfare-call programmes"

    def ready(self) -> None:
        from doorstep.myday.registry import register
        from doorstep.welfare import myday

        register("welfare_calls", myday.welfare_calls_due)
