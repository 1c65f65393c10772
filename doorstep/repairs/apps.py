from django.apps import AppConfig


class RepairsConfig(AppConfig):
    name = "doorstep.repairs"
    label = "repairs"
    verbose_name = "Repairs"

    def ready(self) -> None:
        from doorstep.myday.registry import register
        from doorstep.repairs import myday

        register("repairs", myday.repairs_due, work=myday.repairs_work)
        # Their work moves with a colleague ("Move a colleague").
        from doorstep.repairs import reassign
        from doorstep.teams.reassign import register as register_reassignable

        for kind in reassign.KINDS:
            register_reassignable(kind)
