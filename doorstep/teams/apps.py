from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "doorstep.teams"
    label = "teams"

    def ready(self) -> None:
        from doorstep.teams import reassign_kinds
        from doorstep.teams.reassign import register

        for kind in reassign_kinds.KINDS:
            register(kind)
