from django.apps import AppConfig


class HoardingConfig(AppConfig):
    name = "doorstep.hoarding"
    label = "hoarding"
    verbose_name = "Hoarding and self-neglect"

    def ready(self) -> None:
        from doorstep.cases.registry import CasePanel, register_panel
        from doorstep.hoarding import panel

        register_panel(
            CasePanel(
                case_types=frozenset({"hoarding", "self_neglect"}),
                template="hoarding/partials/case_panel.html",
                context=panel.hoarding_panel_context,
                order=10,
                name="hoarding",
                rows=panel.PANEL_ROWS,
            )
        )
