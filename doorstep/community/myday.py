"""My day provider: community event tasks a member of staff owns (one query)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from doorstep.community.models import EventTask
from doorstep.core.working_days import add_working_days, end_of_day
from doorstep.myday.registry import MyDayItem


def event_tasks_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[EventTask]:
    horizon = add_working_days(today, 1)
    return (
        EventTask.objects.filter(owner_id=user.pk, done_at__isnull=True, due_on__lte=horizon)
        .select_related("event")
        .order_by("due_on", "id")
    )


def event_tasks_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    """Open event tasks the user owns, due by the end of the next working day."""
    tasks = event_tasks_work(user=user, today=today, now=now)
    return [
        MyDayItem(
            kind="event_task",
            kind_label="Community event",
            title=f"{task.title} ({task.event.title})",
            due_at=end_of_day(task.due_on),
            url=task.event.get_absolute_url(),
            overdue=task.due_on < today,
            detail=f"{task.event.venue}, {task.event.starts_at:%-d %b %Y}",
        )
        for task in tasks
    ]
