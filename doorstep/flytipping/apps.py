from django.apps import AppConfig


class FlyTippingConfig(AppConfig):
    name = "doorstep.flytipping"
    label = "flytipping"
    verbose_name = "Fly-tipping"

    def ready(self) -> None:
        from doorstep.cases.models import CaseType
        from doorstep.cases.registry import CasePanel, register_closure_check, register_panel
        from doorstep.flytipping import panel, selectors, services

        register_panel(
            CasePanel(
                case_types=frozenset({CaseType.FLY_TIPPING}),
                template="flytipping/partials/case_panel.html",
                context=panel.fly_tipping_panel_context,
                order=10,
                name="fly_tipping",
                details=selectors.PANEL_DETAILS,
            )
        )
        register_closure_check(services.closure_problems)

        from doorstep.flytipping.letters_hook import letter_run_finished
        from doorstep.letters.hooks import register_run_finished

        register_run_finished(letter_run_finished)
