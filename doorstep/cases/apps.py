from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "doorstep.cases"
    label = "cases"

    def ready(self) -> None:
        from doorstep.cases.myday import (
            case_actions_due,
            case_actions_work,
            case_reviews_due,
            case_reviews_work,
        )
        from doorstep.cases.search import CASES
        from doorstep.myday.registry import register
        from doorstep.search.registry import register as register_searcher

        register("case_actions", case_actions_due, work=case_actions_work)
        register("case_reviews", case_reviews_due, work=case_reviews_work)
        register_searcher(CASES)
