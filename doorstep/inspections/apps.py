from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "doorstep.inspections"
    label = "inspections"
    verbose_name = "Estate inspections"

    def ready(self) -> None:
        from doorstep.cases.models import CaseType
        from doorstep.cases.registry import CasePanel, register_action_start, register_panel
        from doorstep.inspections.myday import inspections_due, inspections_work
        from doorstep.inspections.panel import case_panel_context
        from doorstep.inspections.selectors import case_links_query, fly_tipping_starts
        from doorstep.myday.registry import register

        register("inspections", inspections_due, work=inspections_work)
        # A fly-tipping case's inspection request is done by the inspection itself.
        register_action_start(fly_tipping_starts)
        # Any case can be raised from a failed item, so the link back shows on every type.
        register_panel(
            CasePanel(
                case_types=frozenset(CaseType.values),
                template="inspections/partials/case_panel.html",
                context=case_panel_context,
                order=90,
                name="inspections",
                rows={"inspection_links": case_links_query},
            )
        )
        # Their work moves with a colleague ("Move a colleague").
        from doorstep.inspections import reassign
        from doorstep.teams.reassign import register as register_reassignable

        for kind in reassign.KINDS:
            register_reassignable(kind)
