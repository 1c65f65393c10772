from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "doorstep.community"
    label = "community"

    def ready(self) -> None:
        from doorstep.community.myday import event_tasks_due, event_tasks_work
        from doorstep.myday.registry import register

        register("community_tasks", event_tasks_due, work=event_tasks_work)
        # Their work moves with a colleague ("Move a colleague").
        from doorstep.community import reassign
        from doorstep.teams.reassign import register as register_reassignable

        for kind in reassign.KINDS:
            register_reassignable(kind)
