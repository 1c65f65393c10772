"""Repair targets of DOMAIN.md §4, as pure functions (fixed rules).

| priority  | target                                                           |
| emergency | 24 clock hours from the moment the repair was reported           |
| urgent    | end of the 5th working day after the day it was reported         |
| routine   | end of the 20th working day after the day it was reported        |
| planned   | end of the 60th working day after the day it was reported        |

The day of the report never counts, whether or not it is a working day; days are Europe/London
days and working days skip weekends and England and Wales bank holidays
(`doorstep.core.working_days`). A repair is within target when it is completed at or before its
target moment.
"""

from __future__ import annotations

import datetime as dt

from doorstep.core.working_days import due_within_hours, due_within_working_days

EMERGENCY_HOURS = 24
WORKING_DAYS = {"urgent": 5, "routine": 20, "planned": 60}
PRIORITIES = ("emergency", *WORKING_DAYS)


def target_for(*, priority: str, reported_at: dt.datetime) -> dt.datetime:
    """The moment a repair of `priority` reported at `reported_at` must be completed by."""
    if priority == "emergency":
        return due_within_hours(reported_at, EMERGENCY_HOURS)
    if priority not in WORKING_DAYS:
        raise ValueError(f"Unknown repair priority {priority!r}.")
    return due_within_working_days(reported_at, WORKING_DAYS[priority])


def within_target(*, target_at: dt.datetime, completed_at: dt.datetime | None) -> bool | None:
    """Whether a completed repair met its target (None while it is not completed)."""
    if completed_at is None:
        return None
    return completed_at <= target_at


def is_overdue(*, target_at: dt.datetime, is_open: bool, now: dt.datetime) -> bool:
    """An open repair (not completed, not cancelled) past its target."""
    return is_open and now > target_at
