"""The month grid of the community calendar (pure: dates in, weeks out)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    events: list[Any] = field(default_factory=list)


def month_start(value: str | None, today: dt.date) -> dt.date:
    """The first of the month named by "YYYY-MM", else of today's month."""
    if value:
        try:
            year, month = (int(part) for part in value.split("-"))
            return dt.date(year, month, 1)
        except ValueError:
            pass
    return today.replace(day=1)


def shift_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def grid_bounds(first: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day shown: whole weeks, Monday to Sunday, around the month."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return weeks[0][0], weeks[-1][-1]


def month_grid(
    first: dt.date, today: dt.date, events_by_day: Mapping[dt.date, Iterable[Any]]
) -> list[list[Day]]:
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return [
        [
            Day(
                date=day,
                in_month=day.month == first.month,
                is_today=day == today,
                events=list(events_by_day.get(day, ())),
            )
            for day in week
        ]
        for week in weeks
    ]
