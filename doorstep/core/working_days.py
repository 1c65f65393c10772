"""Working days and clocks of DOMAIN.md §4 (fixed rules).

A working day is Monday to Friday and not an England and Wales bank holiday. "Within N working
days of D" means by the end of the Nth working day after D; D itself never counts. Times are
Europe/London.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: dt.date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The Nth working day after `start` (start itself never counts)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    counted = 0
    while counted < days:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days fall after `start` up to and including `end`."""
    if end <= start:
        return 0
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of `day` in Europe/London, as an aware datetime."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=LONDON)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LONDON).date()


def due_within_working_days(moment: dt.datetime, days: int) -> dt.datetime:
    """End of the Nth working day after the (London) date of `moment`."""
    return end_of_day(add_working_days(local_date(moment), days))


def due_within_hours(moment: dt.datetime, hours: int) -> dt.datetime:
    """`hours` clock hours from the moment recorded, in Europe/London.

    The sum is taken in UTC: Python adds a timedelta to a London time on the wall clock, which
    would make "24 hours" 23 or 25 real hours across a change of the clocks."""
    return (moment.astimezone(dt.UTC) + dt.timedelta(hours=hours)).astimezone(LONDON)


def format_moment(moment: dt.datetime) -> str:
    """A moment as officers read it, in London time: Fri 19 Dec 2025, 16:00."""
    local = moment.astimezone(LONDON)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"
