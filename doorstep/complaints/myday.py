"""My day provider: complaint acknowledgements and responses due today or overdue, for the
lead officer of the complaint (registered in apps.py). One query."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from doorstep.complaints import clocks, selectors
from doorstep.core.working_days import end_of_day
from doorstep.myday.registry import MyDayItem


def complaint_clocks_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    items = []
    for stage in selectors.clocks_due_for(user=user, today=today):
        clock = clocks.next_clock(stage, today)
        if clock is None or clock.due_on is None:
            continue
        if clock.kind == "acknowledge":
            title = f"Acknowledge {stage.get_stage_display().lower()} complaint"
            url_name = "complaints:acknowledge"
        else:
            title = f"Respond to {stage.get_stage_display().lower()} complaint"
            url_name = "complaints:respond"
        items.append(
            MyDayItem(
                kind=f"complaint_{clock.kind}",
                kind_label="Complaint",
                title=f"{title} {stage.case.reference}",
                due_at=end_of_day(clock.due_on),
                url=reverse(url_name, args=[stage.case.reference, stage.stage]),
                overdue=clock.is_overdue,
                detail=clock.text,
            )
        )
    return items


def complaint_clocks_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `complaint_clocks_due` lists (My day skips it when there is none)."""
    return selectors.clocks_due_for(user=user, today=today)
