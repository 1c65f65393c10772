"""My day provider: open repairs the officer owns that are overdue or due by the end of today
(registered in apps.py). One query."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from doorstep.core.working_days import end_of_day, format_moment
from doorstep.myday.registry import MyDayItem
from doorstep.repairs import selectors, targets


def repairs_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    items = []
    for repair in selectors.repairs_due_for(user=user, until=end_of_day(today)):
        overdue = targets.is_overdue(target_at=repair.target_at, is_open=True, now=now)
        items.append(
            MyDayItem(
                kind="repair",
                kind_label="Repair",
                title=f"{repair.get_priority_display()} repair {repair.reference}: {repair.place}",
                due_at=repair.target_at,
                url=repair.get_absolute_url(),
                overdue=overdue,
                detail=(
                    f"{'Target missed' if overdue else 'Target'} {format_moment(repair.target_at)}"
                    f" — {repair.get_status_display().lower()}"
                ),
            )
        )
    return items


def repairs_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `repairs_due` lists (My day skips it when there is none)."""
    return selectors.repairs_due_for(user=user, until=end_of_day(today))
