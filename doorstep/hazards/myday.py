"""My day provider: for each open hazard case the officer leads, the next Awaab's Law clock
when it is overdue or due by the end of the next working day (registered in apps.py). One
query."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from doorstep.hazards import clocks, selectors
from doorstep.myday.registry import MyDayItem


def hazard_clocks_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    items = []
    for hazard in selectors.open_hazards_led_by(user=user):
        upcoming = clocks.next_due(clocks.hazard_clocks(hazard, now))
        if upcoming is None or upcoming.due_at is None or upcoming.state == "due":
            continue  # only overdue or due soon
        case = hazard.case
        items.append(
            MyDayItem(
                kind=f"hazard_{upcoming.key}",
                kind_label="Awaab's Law",
                title=f"{upcoming.title}: {hazard.get_kind_display().lower()} {case.reference}",
                due_at=upcoming.due_at,
                url=case.get_absolute_url(),
                overdue=upcoming.state == "overdue",
                detail=upcoming.text,
            )
        )
    return items


def hazard_clocks_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `hazard_clocks_due` lists (My day skips it when there is none)."""
    return selectors.open_hazards_led_by(user=user)
