from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "doorstep.letters"
    label = "letters"
    verbose_name = "Letters and signs"

    def ready(self) -> None:
        from doorstep.cases.registry import CasePanel, register_panel
        from doorstep.letters import panel

        register_panel(
            CasePanel(
                case_types=frozenset(panel.PANEL_TYPES),
                template="letters/partials/case_panel.html",
                context=panel.letters_panel_context,
                order=80,
                name="letters",
                rows={"letter_runs": panel.selectors.case_runs_query},
            )
        )
