"""My day provider: interviews the user sits on the panel for, today and the next working day
(one query). Candidates' names stay on the vacancy page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from doorstep.core.working_days import add_working_days, end_of_day
from doorstep.myday.registry import MyDayItem
from doorstep.recruitment.models import InterviewSlot


def interviews_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[InterviewSlot]:
    horizon = end_of_day(add_working_days(today, 1))
    return (
        InterviewSlot.objects.filter(panel=user, starts_at__gte=now, starts_at__lte=horizon)
        .select_related("vacancy", "vacancy__office")
        .order_by("starts_at", "id")
    )


def interviews_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    slots = interviews_work(user=user, today=today, now=now)
    return [
        MyDayItem(
            kind="interview",
            kind_label="Interview panel",
            title=(
                f"Interview for {slot.vacancy.title}, "
                f"{timezone.localtime(slot.starts_at):%a %-d %b at %H:%M}"
            ),
            due_at=slot.starts_at,
            url=slot.vacancy.get_absolute_url(),
            overdue=False,
            detail=", ".join(
                part for part in (slot.location, f"{slot.vacancy.office.name} office") if part
            ),
        )
        for slot in slots
    ]
