from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "doorstep.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self) -> None:
        from doorstep.cases.registry import CasePanel, register_panel
        from doorstep.myday.registry import register
        from doorstep.safeguarding.myday import referrals_due, referrals_work
        from doorstep.safeguarding.selectors import case_panel_context, case_referrals_query

        register("safeguarding_referrals", referrals_due, work=referrals_work)
        register_panel(
            CasePanel(
                case_types=frozenset({"safeguarding"}),
                template="safeguarding/partials/case_panel.html",
                context=case_panel_context,
                order=20,
                name="safeguarding_referrals",
                rows={"safeguarding_referrals": case_referrals_query},
            )
        )
