"""The arithmetic of estate inspections (DOMAIN.md §4, §8), as plain functions.

Score: passes / (passes + fails) as a percentage to one decimal place, halves rounded up;
"not applicable" answers count for neither. An inspection with no passes and no fails has no
score ("not scored"), which is not the same as 0%.

Next due: a schedule's next inspection is due one frequency after the last completed
inspection of its place, and never before the schedule starts; with no inspection yet, on the
start date.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_FREQUENCY_WEEKS = 4  # DOMAIN.md §4: "estate inspection: default every 4 weeks"
MAX_FREQUENCY_WEEKS = 52
ONE_PLACE = Decimal("0.1")


def score(*, passes: int, fails: int) -> Decimal | None:
    """The percentage of passed items among those passed or failed, or None when none were."""
    if passes < 0 or fails < 0:
        raise ValueError("Counts cannot be negative.")
    judged = passes + fails
    if judged == 0:
        return None
    return (Decimal(passes) * 100 / Decimal(judged)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def score_text(value: Decimal | None) -> str:
    return "Not scored" if value is None else f"{value}%"


def next_due_on(
    *, starts_on: dt.date, frequency_weeks: int, last_inspected_on: dt.date | None
) -> dt.date:
    """When the place is next due an inspection."""
    if last_inspected_on is None:
        return starts_on
    return max(starts_on, last_inspected_on + dt.timedelta(weeks=frequency_weeks))


def weeks_from_days(days: int | None) -> int:
    """An estate's inspection frequency in days (places.Estate) as whole weeks, at least one."""
    if not days:
        return DEFAULT_FREQUENCY_WEEKS
    return min(MAX_FREQUENCY_WEEKS, max(1, round(days / 7)))
