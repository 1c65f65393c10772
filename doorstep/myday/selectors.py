from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from doorstep.core.working_days import LONDON, end_of_day
from doorstep.myday.registry import MyDayItem, providers


@dataclass(frozen=True)
class MyDay:
    items: list[MyDayItem]
    overdue: int
    due_today: int
    coming_up: int
    by_kind: list[tuple[str, int]]


def my_day(*, user: Any, now: dt.datetime) -> MyDay:
    """Everything on `user`'s plate, overdue first, then by due time. Providers decide their
    horizon (most stop at the end of today; call-backs include the next working day)."""
    today = now.astimezone(LONDON).date()
    items: list[MyDayItem] = []
    for provider in providers().values():
        items.extend(provider(user=user, today=today, now=now))
    items.sort(key=lambda item: (not item.overdue, item.due_at, item.title))
    overdue = sum(1 for item in items if item.overdue)
    tonight = end_of_day(today)
    coming_up = sum(1 for item in items if not item.overdue and item.due_at > tonight)
    kinds = Counter(item.kind_label for item in items)
    return MyDay(
        items=items,
        overdue=overdue,
        due_today=len(items) - overdue - coming_up,
        coming_up=coming_up,
        by_kind=sorted(kinds.items()),
    )
