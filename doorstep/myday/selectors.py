from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from doorstep.core.working_days import LONDON
from doorstep.myday.registry import MyDayItem, providers


@dataclass(frozen=True)
class MyDay:
    items: list[MyDayItem]
    overdue: int
    due_today: int
    by_kind: list[tuple[str, int]]


def my_day(*, user: Any, now: dt.datetime) -> MyDay:
    """Everything due for `user` up to the end of today, overdue first, then by due time."""
    today = now.astimezone(LONDON).date()
    items: list[MyDayItem] = []
    for provider in providers().values():
        items.extend(provider(user=user, today=today, now=now))
    items.sort(key=lambda item: (not item.overdue, item.due_at, item.title))
    overdue = sum(1 for item in items if item.overdue)
    kinds = Counter(item.kind_label for item in items)
    return MyDay(
        items=items,
        overdue=overdue,
        due_today=len(items) - overdue,
        by_kind=sorted(kinds.items()),
    )
