import datetime as dt

import pytest

from doorstep.core.working_days import (
    LONDON,
    add_working_days,
    due_within_hours,
    due_within_working_days,
    format_moment,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 25), True),  # Wednesday
        (dt.date(2026, 11, 28), False),  # Saturday
        (dt.date(2026, 12, 25), False),  # Christmas Day (Friday)
        (dt.date(2026, 12, 28), False),  # Boxing Day substitute (Monday)
        (dt.date(2026, 4, 3), False),  # Good Friday
        (dt.date(2026, 4, 6), False),  # Easter Monday
        (dt.date(2026, 8, 31), False),  # Summer bank holiday (England)
        (dt.date(2026, 8, 3), True),  # Scotland's summer holiday is not England's
    ],
)
def test_working_days_follow_england_and_wales_bank_holidays(day, expected):
    assert is_working_day(day) is expected


def test_the_start_day_never_counts_even_when_it_is_a_working_day():
    assert add_working_days(dt.date(2026, 11, 25), 1) == dt.date(2026, 11, 26)


def test_a_weekend_start_counts_from_monday():
    assert add_working_days(dt.date(2026, 11, 28), 1) == dt.date(2026, 11, 30)


def test_christmas_week_skips_christmas_boxing_day_and_new_year():
    # Thu 24 Dec 2026 + 1 working day: Fri 25 (Christmas), Sat, Sun, Mon 28 (Boxing Day
    # substitute) are not working days, so Tue 29 Dec.
    assert add_working_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 29)
    # 5 working days from 24 Dec: 29, 30, 31 Dec, (1 Jan holiday), 4, 5 Jan.
    assert add_working_days(dt.date(2026, 12, 24), 5) == dt.date(2027, 1, 5)


def test_easter_skips_good_friday_and_easter_monday():
    # Thu 2 Apr 2026 + 1: Good Friday 3 Apr, weekend, Easter Monday 6 Apr -> Tue 7 Apr.
    assert add_working_days(dt.date(2026, 4, 2), 1) == dt.date(2026, 4, 7)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(dt.date(2026, 12, 24), dt.date(2027, 1, 5)) == 5
    assert working_days_between(dt.date(2026, 11, 25), dt.date(2026, 11, 25)) == 0


def test_due_is_end_of_nth_working_day_in_london_time():
    logged = dt.datetime(2026, 12, 24, 16, 30, tzinfo=LONDON)
    due = due_within_working_days(logged, 1)
    assert due == dt.datetime(2026, 12, 29, 23, 59, 59, tzinfo=LONDON)


def test_late_evening_utc_is_the_next_london_day_in_summer():
    # 23:30 UTC on Thu 2 Jul 2026 is 00:30 Fri 3 Jul in London (BST): the day logged is Friday.
    logged = dt.datetime(2026, 7, 2, 23, 30, tzinfo=dt.UTC)
    assert due_within_working_days(logged, 1).date() == dt.date(2026, 7, 6)


def test_hours_clock_is_clock_hours_across_a_weekend():
    reported = dt.datetime(2026, 11, 27, 17, 0, tzinfo=LONDON)
    assert due_within_hours(reported, 24) == dt.datetime(2026, 11, 28, 17, 0, tzinfo=LONDON)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(dt.date(2026, 1, 5), -1)


def test_24_hours_across_the_october_clock_change_is_24_elapsed_hours():
    # 2026-10-25 01:00 BST the clocks go back: 24 hours from Saturday 12:00 BST is Sunday
    # 11:00 GMT, not Sunday 12:00 (which would be 25 hours).
    from doorstep.core.working_days import LONDON, due_within_hours

    reported = dt.datetime(2026, 10, 24, 12, 0, tzinfo=LONDON)
    assert due_within_hours(reported, 24) == dt.datetime(2026, 10, 25, 11, 0, tzinfo=LONDON)


def test_hours_clock_counts_real_hours_when_the_clocks_go_forward():
    # 28 March 2026 16:00 GMT; the clocks go forward at 01:00 on Sunday 29 March, so 24 real
    # hours later the wall clock says 17:00 BST.
    reported = dt.datetime(2026, 3, 28, 16, 0, tzinfo=LONDON)
    due = due_within_hours(reported, 24)
    assert due == dt.datetime(2026, 3, 29, 17, 0, tzinfo=LONDON)
    assert due.astimezone(dt.UTC) - reported.astimezone(dt.UTC) == dt.timedelta(hours=24)


def test_format_moment_reads_in_london_time():
    assert format_moment(dt.datetime(2026, 7, 2, 23, 30, tzinfo=dt.UTC)) == "Fri 3 Jul 2026, 00:30"
