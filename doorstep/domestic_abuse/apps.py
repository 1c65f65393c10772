from django.apps import AppConfig


class DomesticAbuseConfig(AppConfig):
    name = "doorstep.domestic_abuse"
    label = "domestic_abuse"
    verbose_name = "Domestic abuse"

    def ready(self) -> None:
        from doorstep.cases.models import CaseType
        from doorstep.cases.registry import CasePanel, register_panel
        from doorstep.domestic_abuse import panel

        register_panel(
            CasePanel(
                case_types=frozenset({CaseType.DOMESTIC_ABUSE}),
                template="domestic_abuse/partials/case_panel.html",
                context=panel.domestic_abuse_panel_context,
                order=10,
                name="domestic_abuse",
                rows=panel.selectors.PANEL_ROWS,
            )
        )
        # On ASB and neighbour-dispute cases: the way out when it turns out to be domestic
        # abuse, which is never filed as ASB.
        register_panel(
            CasePanel(
                case_types=frozenset(panel.MOVE_FROM_TYPES),
                template="domestic_abuse/partials/move_panel.html",
                context=panel.move_panel_context,
                order=90,
                name="domestic_abuse_move",
            )
        )
