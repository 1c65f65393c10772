"""My day: welfare calls due for the officer (registered in apps.py).

A fixed number of queries whatever the size of the cohorts: see selectors.calls_due."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from doorstep.core.validators import format_phone
from doorstep.core.working_days import end_of_day
from doorstep.myday.registry import MyDayItem
from doorstep.welfare import selectors
from doorstep.welfare.models import CallOutcome


def welfare_calls_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    items = []
    for due in selectors.calls_due(user=user, today=today):
        person = due.person
        detail = f"{due.programme.name} · {person.reference}"
        if person.phone:
            detail += f" · {format_phone(person.phone)}"
        if due.last_outcome == CallOutcome.NO_ANSWER:
            detail += " · no answer last time"
        items.append(
            MyDayItem(
                kind="welfare_call",
                kind_label="Welfare call",
                title=f"Welfare call: {person.full_name}",
                due_at=end_of_day(due.due_on),
                url=reverse("welfare:call", args=[due.programme.pk, person.reference]),
                overdue=due.overdue,
                detail=detail,
                arrangements=due.arrangements,
            )
        )
    return items


def welfare_calls_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `welfare_calls_due` lists (My day skips it when there is none)."""
    return selectors.programmes_for(user=user, today=today)
