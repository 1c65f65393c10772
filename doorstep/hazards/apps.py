from django.apps import AppConfig


class HazardsConfig(AppConfig):
    name = "doorstep.hazards"
    label = "hazards"
    verbose_name = "Damp, mould and other hazards"

    def ready(self) -> None:
        from doorstep.cases.registry import CasePanel, register_panel
        from doorstep.hazards import myday, panel
        from doorstep.myday.registry import register

        register("hazard_clocks", myday.hazard_clocks_due, work=myday.hazard_clocks_work)
        register_panel(
            CasePanel(
                case_types=frozenset({"damp_mould"}),
                template="hazards/partials/case_panel.html",
                context=panel.hazard_panel_context,
                order=10,
                name="hazard",
                rows=panel.PANEL_ROWS,
                details=("hazard",),
            )
        )
