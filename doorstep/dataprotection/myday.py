"""My day: overdue subject access requests, for the data protection officer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from doorstep.core.working_days import end_of_day
from doorstep.dataprotection.selectors import can_manage_sar
from doorstep.dataprotection.selectors import requests_overdue as overdue
from doorstep.myday.registry import MyDayItem


def requests_overdue(*, user: Any, today: dt.date, now: dt.datetime) -> Iterable[MyDayItem]:
    if not can_manage_sar(user):
        return []
    return [
        MyDayItem(
            kind="sar",
            kind_label="Subject access",
            title=f"Subject access request {request.reference} is overdue",
            due_at=end_of_day(request.due_on),
            url=request.get_absolute_url(),
            overdue=True,
            detail=f"Person {request.person.reference}, due {request.due_on:%-d %B %Y}",
        )
        for request in overdue(today=today).select_related("person")
    ]
