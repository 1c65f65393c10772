"""Repair targets (DOMAIN.md §4) across weekends and England and Wales bank holidays. Every
expected date is worked out by hand in the test."""

import datetime as dt

import pytest

from doorstep.core.working_days import LONDON
from doorstep.repairs.targets import is_overdue, target_for, within_target


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=LONDON)


def test_a_routine_repair_reported_before_christmas_skips_the_bank_holidays():
    # Reported Friday 19 December 2025. Working days after it:
    #  1 Mon 22 Dec,  2 Tue 23,  3 Wed 24; Thu 25 (Christmas Day) and Fri 26 (Boxing Day)
    #  are bank holidays, 27-28 the weekend; 4 Mon 29, 5 Tue 30, 6 Wed 31; Thu 1 Jan 2026
    #  (New Year's Day) is a bank holiday; 7 Fri 2 Jan; 8-12 Mon 5 to Fri 9 Jan;
    #  13-17 Mon 12 to Fri 16 Jan; 18 Mon 19, 19 Tue 20, 20 Wed 21 Jan.
    target = target_for(priority="routine", reported_at=at(2025, 12, 19, 11, 15))
    assert target == end_of(dt.date(2026, 1, 21))


def test_an_emergency_reported_at_four_on_a_friday_is_due_at_four_on_saturday():
    # 24 clock hours, weekends and all: Friday 6 March 2026 16:00 -> Saturday 7 March 16:00.
    target = target_for(priority="emergency", reported_at=at(2026, 3, 6, 16, 0))
    assert target == at(2026, 3, 7, 16, 0)


def test_an_emergency_is_24_real_hours_when_the_clocks_go_forward():
    # Saturday 28 March 2026 16:00 GMT; the clocks go forward overnight, so 24 hours later it is
    # 17:00 BST on Sunday 29 March.
    target = target_for(priority="emergency", reported_at=at(2026, 3, 28, 16, 0))
    assert target == at(2026, 3, 29, 17, 0)


def test_a_planned_repair_reported_on_a_bank_holiday_counts_from_the_next_working_day():
    # Reported on Monday 4 May 2026, the early May bank holiday (the day never counts anyway).
    # May: Tue 5 to Fri 22 = 14 working days; Mon 25 May (spring bank holiday) skipped;
    # Tue 26 to Fri 29 = 4 more (18). June: 22 working days (40). July: Wed 1 to Tue 28 July
    # is 20 more (60).
    target = target_for(priority="planned", reported_at=at(2026, 5, 4, 9, 30))
    assert target == end_of(dt.date(2026, 7, 28))


def test_an_urgent_repair_over_easter():
    # Reported Thursday 2 April 2026. Good Friday (3 Apr) and Easter Monday (6 Apr) are bank
    # holidays: 1 Tue 7, 2 Wed 8, 3 Thu 9, 4 Fri 10, 5 Mon 13 April.
    target = target_for(priority="urgent", reported_at=at(2026, 4, 2, 14, 0))
    assert target == end_of(dt.date(2026, 4, 13))


def test_a_repair_reported_on_a_saturday_counts_from_monday():
    # Saturday 7 March 2026: 1 Mon 9 ... 5 Fri 13 March.
    target = target_for(priority="urgent", reported_at=at(2026, 3, 7, 10, 0))
    assert target == end_of(dt.date(2026, 3, 13))


def test_late_evening_utc_belongs_to_the_next_london_day():
    # 23:30 UTC on Friday 3 July 2026 is 00:30 on Saturday 4 July in London (BST), so the day
    # reported is Saturday and 5 working days run Mon 6 to Fri 10 July.
    target = target_for(
        priority="urgent", reported_at=dt.datetime(2026, 7, 3, 23, 30, tzinfo=dt.UTC)
    )
    assert target == end_of(dt.date(2026, 7, 10))


def test_completion_at_the_exact_target_is_within_it_and_a_second_later_is_not():
    target = end_of(dt.date(2026, 1, 21))
    assert within_target(target_at=target, completed_at=target) is True
    assert within_target(target_at=target, completed_at=target + dt.timedelta(seconds=1)) is False
    assert within_target(target_at=target, completed_at=None) is None


def test_an_emergency_completed_at_the_24th_hour_is_within_target():
    target = target_for(priority="emergency", reported_at=at(2026, 3, 6, 16, 0))
    assert within_target(target_at=target, completed_at=at(2026, 3, 7, 16, 0)) is True
    assert within_target(target_at=target, completed_at=at(2026, 3, 7, 16, 1)) is False


def test_overdue_only_when_open_and_past_the_target():
    target = at(2026, 3, 7, 16, 0)
    assert not is_overdue(target_at=target, is_open=True, now=target)
    assert is_overdue(target_at=target, is_open=True, now=target + dt.timedelta(seconds=1))
    assert not is_overdue(target_at=target, is_open=False, now=target + dt.timedelta(days=9))


def test_an_unknown_priority_is_refused():
    with pytest.raises(ValueError):
        target_for(priority="whenever", reported_at=at(2026, 3, 6, 16, 0))
