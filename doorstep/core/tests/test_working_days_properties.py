"""Property-based tests (hypothesis) of the working-day clock of DOMAIN.md §4.

The example-based tests in test_working_days.py pin known dates (Christmas, Easter, a Friday
afternoon); these check the rules hold for any date from 2000 to 2060 and any N.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from doorstep.core.working_days import (
    LONDON,
    add_working_days,
    due_within_hours,
    due_within_working_days,
    is_working_day,
    local_date,
    working_days_between,
)

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31))
counts = st.integers(min_value=0, max_value=80)
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2060, 12, 31),
    timezones=st.just(LONDON),
)


def nth_working_day_after(start: dt.date, n: int) -> dt.date:
    """An independent oracle: list the working days after `start` and take the nth."""
    following = (start + dt.timedelta(days=offset) for offset in range(1, 10 * n + 30))
    return [day for day in following if is_working_day(day)][n - 1]


@given(start=dates, n=st.integers(min_value=1, max_value=80))
def test_the_nth_working_day_after_is_a_working_day_after_the_start(start, n):
    due = add_working_days(start, n)
    assert due > start
    assert is_working_day(due)
    assert due == nth_working_day_after(start, n)


@given(start=dates, n=counts)
def test_counting_back_gives_n(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@given(start=dates)
def test_zero_working_days_is_the_day_itself(start):
    assert add_working_days(start, 0) == start


@given(start=dates, n=counts)
def test_one_more_working_day_is_always_later(start, n):
    assert add_working_days(start, n + 1) > add_working_days(start, n)


@given(start=dates, n=st.integers(min_value=1, max_value=80))
def test_the_start_day_never_counts(start, n):
    # Starting on any day of a weekend or holiday run gives the same due date as starting on
    # the last working day before it: the start itself is never counted.
    day_before = start - dt.timedelta(days=1)
    if not is_working_day(start):
        assert add_working_days(start, n) == add_working_days(day_before, n)


@given(moment=moments, n=st.integers(min_value=1, max_value=60))
@settings(max_examples=200)
def test_due_within_working_days_ends_at_the_end_of_a_london_working_day(moment, n):
    due = due_within_working_days(moment, n)
    local = due.astimezone(LONDON)
    assert (local.hour, local.minute, local.second) == (23, 59, 59)
    assert is_working_day(local.date())
    assert local.date() == add_working_days(local_date(moment), n)


@given(moment=moments, hours=st.integers(min_value=1, max_value=72))
def test_within_hours_is_clock_hours_even_across_a_clock_change(moment, hours):
    due = due_within_hours(moment, hours)
    elapsed = due.astimezone(dt.UTC) - moment.astimezone(dt.UTC)
    assert elapsed == dt.timedelta(hours=hours)
