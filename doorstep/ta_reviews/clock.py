"""The temporary accommodation review clock (DOMAIN.md §4, fixed): a review every 8 weeks from
the placement start.

The clock's dates are start + 8 weeks * n (n = 1, 2, ...). The next one due is the first not yet
done. A review done up to 8 weeks before a clock date counts for it (an early review), and a
late review counts for the overdue date and any others it passed, so the next date is always
ahead of the last review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

INTERVAL = dt.timedelta(weeks=8)


def clock_date(start_date: dt.date, n: int) -> dt.date:
    return start_date + INTERVAL * n


def clock_due(*, start_date: dt.date, reviewed_on: Iterable[dt.date]) -> dt.date:
    """The first clock date not yet covered by a review."""
    n = 1
    for day in sorted(reviewed_on):
        if day <= clock_date(start_date, n - 1):
            continue  # more than 8 weeks early for the next date (or a second review in one spell)
        n += 1
        while clock_date(start_date, n) <= day:
            n += 1  # a late review: the dates it passed are done
    return clock_date(start_date, n)


def next_review_due(*, start_date: dt.date, reviews: Sequence[tuple[dt.date, dt.date]]) -> dt.date:
    """When the placement's next review is due. `reviews`: (reviewed_on, next_review_on) pairs.
    The officer set the next date on the latest review (the clock's by default); before any
    review, it is the first clock date."""
    if reviews:
        return max(reviews)[1]
    return clock_date(start_date, 1)
