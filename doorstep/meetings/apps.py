from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "doorstep.meetings"
    label = "meetings"
    verbose_name = "Multi-agency meetings"

    def ready(self) -> None:
        from doorstep.cases.models import CaseType
        from doorstep.cases.registry import CasePanel, register_panel
        from doorstep.meetings import myday
        from doorstep.meetings.selectors import case_meetings_query, case_panel_context
        from doorstep.myday.registry import register

        register("meeting_actions", myday.actions_due, work=myday.actions_work)
        register(
            "meeting_agency_actions", myday.agency_actions_to_chase, work=myday.agency_actions_work
        )
        register_panel(
            CasePanel(
                case_types=frozenset(CaseType.values),
                template="meetings/partials/case_panel.html",
                context=case_panel_context,
                order=80,
                name="meetings",
                rows={"case_meetings": case_meetings_query},
            )
        )
        # Their work moves with a colleague ("Move a colleague").
        from doorstep.meetings import reassign
        from doorstep.teams.reassign import register as register_reassignable

        for kind in reassign.KINDS:
            register_reassignable(kind)
