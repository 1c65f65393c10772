"""My day: the estate inspections due today or overdue for their inspector."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from doorstep.core.working_days import end_of_day
from doorstep.inspections.selectors import schedules_due_for, schedules_due_query
from doorstep.myday.registry import MyDayItem


def inspections_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    """One item per schedule of the user's that is due (overdue once its day has passed), with
    a one-tap "Start the inspection" (or "Carry on" when one is in progress). One query."""
    items = []
    for schedule in schedules_due_for(user=user, today=today):
        due = schedule.next_due_on
        ongoing = getattr(schedule, "ongoing_id", None)
        every = (
            f"every {schedule.frequency_weeks} week{'s' if schedule.frequency_weeks != 1 else ''}"
        )
        last = (
            f"last inspected {schedule.last_inspected_on.day} {schedule.last_inspected_on:%b %Y}"
            if schedule.last_inspected_on
            else "not inspected yet"
        )
        items.append(
            MyDayItem(
                kind="inspection",
                kind_label="Estate inspection",
                title=f"Inspect {schedule.place_name}",
                due_at=end_of_day(due),
                url=(
                    reverse("inspections:inspection_detail", args=[ongoing])
                    if ongoing
                    else reverse("inspections:schedule_list") + "?show=mine"
                ),
                overdue=due < today,
                detail=f"Due {due.day} {due:%b %Y}, {every}, {last}."
                + (" In progress." if ongoing else ""),
                action_url=reverse("inspections:schedule_start", args=[schedule.pk]),
                action_label="Carry on with the inspection" if ongoing else "Start the inspection",
            )
        )
    return items


def inspections_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `inspections_due` lists (My day skips it when there is none)."""
    return schedules_due_query(user=user, today=today)
