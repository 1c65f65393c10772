from django.apps import AppConfig


class AsbConfig(AppConfig):
    name = "doorstep.asb"
    label = "asb"
    verbose_name = "Anti-social behaviour and neighbour disputes"

    def ready(self) -> None:
        from doorstep.asb import panel, selectors
        from doorstep.cases.registry import CasePanel, register_panel, register_warning

        register_panel(
            CasePanel(
                case_types=frozenset(panel.PANEL_TYPES),
                template="asb/partials/case_panel.html",
                context=panel.asb_panel_context,
                order=10,
                name="asb",
                rows=selectors.PANEL_ROWS,
                details=("asb_details",),
                facts=selectors.panel_facts,
            )
        )
        register_warning(panel.community_trigger_warnings)
