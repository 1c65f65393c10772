"""My day providers for cases: actions the user owns, and reviews of cases they lead.

Restricted cases appear here too: the owner of an action or the lead officer is on the case
team. Each provider is one query (the actions provider one more for each registered action
start whose kind of action is there, such as a fly-tipping case's "Start the inspection").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from doorstep.cases.models import Case as CaseModel
from doorstep.cases.models import CaseAction, CaseStatus
from doorstep.cases.registry import action_starts
from doorstep.core.url_templates import UrlTemplate
from doorstep.core.working_days import add_working_days, end_of_day
from doorstep.myday.registry import MyDayItem

# A busy officer has hundreds of items: reverse each link once, not once per item.
CASE_URL = UrlTemplate("cases:case_detail")
ACTION_DONE_URL = UrlTemplate("cases:action_done", 2)
MY_DAY_URL = UrlTemplate("myday:my_day", 0)


def case_actions_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[CaseAction]:
    horizon = add_working_days(today, 1)
    return (
        CaseAction.objects.filter(owner_id=user.pk, done_at__isnull=True, due_on__lte=horizon)
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case")
        .order_by("due_on", "id")
    )


def case_actions_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    """Open case actions the user owns, due by the end of the next working day (like
    call-backs: an action set today for tomorrow, such as a high Clutter Image Rating's fire
    safety referral, is on My day at once)."""
    actions = list(case_actions_work(user=user, today=today, now=now))
    # An action done by doing something elsewhere (registry.register_action_start) offers
    # that instead of "Mark as done": at most one query per kind registered.
    starts: dict[int, tuple[str, str]] = {}
    for start in action_starts():
        starts.update(start(actions=actions))
    back = f"?next={MY_DAY_URL()}"
    return [
        MyDayItem(
            kind="case_action",
            kind_label="Case action",
            title=f"{action.title} ({action.case.reference})",
            due_at=end_of_day(action.due_on),
            url=CASE_URL(action.case.reference),
            overdue=action.due_on < today,
            detail=action.case.get_case_type_display(),
            action_url=starts[action.pk][1]
            if action.pk in starts
            else ACTION_DONE_URL(action.case.reference, action.pk) + back,
            action_label=starts[action.pk][0] if action.pk in starts else "Mark as done",
        )
        for action in actions
    ]


def case_reviews_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[CaseModel]:
    return (
        CaseModel.objects.filter(lead_officer_id=user.pk, next_review_on__lte=today)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("next_review_on", "id")
    )


def case_reviews_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    """Open cases the user leads whose scheduled review date has come."""
    cases = case_reviews_work(user=user, today=today, now=now)
    return [
        MyDayItem(
            kind="case_review",
            kind_label="Case review",
            title=f"Review {case.reference}: {case.summary}",
            due_at=end_of_day(case.next_review_on),  # type: ignore[arg-type]
            url=CASE_URL(case.reference),
            overdue=case.next_review_on is not None and case.next_review_on < today,
            detail=case.get_case_type_display(),
        )
        for case in cases
    ]
