"""The 8-week TA review clock, across its boundaries."""

import datetime as dt

from doorstep.ta_reviews.clock import clock_date, clock_due, next_review_due

START = dt.date(2026, 1, 5)
WEEK_8 = dt.date(2026, 3, 2)
WEEK_16 = dt.date(2026, 4, 27)
WEEK_24 = dt.date(2026, 6, 22)


def days(n):
    return START + dt.timedelta(days=n)


def test_the_clock_dates_are_every_8_weeks_from_the_start():
    assert [clock_date(START, n) for n in (1, 2, 3)] == [WEEK_8, WEEK_16, WEEK_24]


def test_the_first_review_is_due_8_weeks_after_the_start():
    assert clock_due(start_date=START, reviewed_on=[]) == WEEK_8


def test_a_review_exactly_on_the_clock_date_moves_it_on_8_weeks():
    assert clock_due(start_date=START, reviewed_on=[WEEK_8]) == WEEK_16


def test_a_review_the_day_before_counts_for_that_date():
    assert clock_due(start_date=START, reviewed_on=[days(55)]) == WEEK_16


def test_a_review_the_day_after_counts_for_the_overdue_date():
    assert clock_due(start_date=START, reviewed_on=[days(57)]) == WEEK_16


def test_a_review_done_early_counts_for_the_next_date():
    assert clock_due(start_date=START, reviewed_on=[days(20)]) == WEEK_16


def test_a_second_review_in_the_same_8_weeks_does_not_skip_a_date():
    assert clock_due(start_date=START, reviewed_on=[days(20), days(30)]) == WEEK_16


def test_a_review_on_the_day_of_placement_is_not_the_first_review():
    assert clock_due(start_date=START, reviewed_on=[START]) == WEEK_8


def test_a_late_review_after_missing_two_dates_catches_up():
    assert clock_due(start_date=START, reviewed_on=[days(120)]) == dt.date(2026, 6, 22)


def test_reviews_on_time_every_time():
    assert clock_due(start_date=START, reviewed_on=[WEEK_8, WEEK_16]) == WEEK_24


def test_the_next_review_due_is_the_date_set_on_the_latest_review():
    brought_forward = dt.date(2026, 4, 1)
    assert next_review_due(start_date=START, reviews=[]) == WEEK_8
    assert next_review_due(start_date=START, reviews=[(WEEK_8, brought_forward)]) == brought_forward
    assert next_review_due(
        start_date=START, reviews=[(WEEK_8, WEEK_16), (brought_forward, dt.date(2026, 5, 1))]
    ) == dt.date(2026, 5, 1)
