from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "doorstep.complaints"
    label = "complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        from doorstep.cases.registry import CasePanel, register_panel
        from doorstep.complaints import myday, panel
        from doorstep.myday.registry import register

        register("complaint_clocks", myday.complaint_clocks_due, work=myday.complaint_clocks_work)
        register_panel(
            CasePanel(
                case_types=frozenset({"complaint"}),
                template="complaints/partials/case_panel.html",
                context=panel.complaint_panel_context,
                order=10,
                name="complaint",
                rows=panel.PANEL_ROWS,
                details=("complaint_details",),
            )
        )
