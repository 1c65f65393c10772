from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists

from doorstep.core.working_days import LONDON, end_of_day
from doorstep.myday.registry import MyDayItem, Provider, providers, work_checks


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
    for provider in providers_with_work(user=user, today=today, now=now):
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


def providers_with_work(*, user: Any, today: dt.date, now: dt.datetime) -> list[Provider]:
    """The providers to run for `user`: those without a `work` check, and those whose work
    queryset has a row — all the checks in one query (EXISTS each), whatever their number."""
    checks = work_checks()
    querysets = {}
    for name in providers():
        if name in checks:
            queryset = checks[name](user=user, today=today, now=now)
            if queryset is not None:
                querysets[name] = queryset
    has_work: dict[str, bool] = {}
    if querysets and getattr(user, "pk", None) is not None:
        names = list(querysets)
        row = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .values(**{f"work_{i}": Exists(querysets[name]) for i, name in enumerate(names)})
            .first()
        )
        has_work = {name: bool(row and row[f"work_{i}"]) for i, name in enumerate(names)}
    return [
        provider
        for name, provider in providers().items()
        if name not in checks or has_work.get(name, name not in querysets)
    ]
