from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "doorstep.welfare"
    label = "welfare"
    verbose_name = "Welfare-call programmes"

    def ready(self) -> None:
        from doorstep.myday.registry import register
        from doorstep.welfare import myday

        register("welfare_calls", myday.welfare_calls_due, work=myday.welfare_calls_work)
        # Their work moves with a colleague ("Move a colleague").
        from doorstep.teams.reassign import register as register_reassignable
        from doorstep.welfare import reassign

        for kind in reassign.KINDS:
            register_reassignable(kind)
