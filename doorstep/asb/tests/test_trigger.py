"""The Community Trigger rule as pure functions (no database)."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta

from doorstep.asb import trigger
from doorstep.asb.trigger import Level, Report

D = dt.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 9, 15), D(2026, 3, 15)),
        (D(2026, 3, 15), D(2025, 9, 15)),  # across a year
        (D(2026, 1, 31), D(2025, 7, 31)),
        (D(2026, 8, 31), D(2026, 2, 28)),  # month-end clamping
        (D(2026, 8, 29), D(2026, 2, 28)),
        (D(2028, 8, 31), D(2028, 2, 29)),  # leap year
        (D(2028, 8, 29), D(2028, 2, 29)),
        (D(2028, 2, 29), D(2027, 8, 29)),  # from a leap day
        (D(2026, 12, 31), D(2026, 6, 30)),
    ],
)
def test_six_calendar_months_before(day, expected):
    assert trigger.months_before(day, 6) == expected


def test_six_months_before_agrees_with_relativedelta_on_every_day_of_five_years():
    day = D(2024, 1, 1)
    while day < D(2029, 1, 1):
        assert trigger.months_before(day, 6) == day - relativedelta(months=6), day
        day += dt.timedelta(days=1)


def test_window_edges():
    on = D(2026, 9, 15)
    assert not trigger.in_window(D(2026, 3, 15), on)  # exactly six months before: out
    assert trigger.in_window(D(2026, 3, 16), on)  # the day after: in
    assert trigger.in_window(on, on)  # T itself: in
    assert not trigger.in_window(D(2026, 9, 16), on)  # after T: out


def test_window_at_a_month_end_in_an_ordinary_year():
    on = D(2026, 8, 31)
    assert trigger.window(on) == (D(2026, 2, 28), on)
    assert not trigger.in_window(D(2026, 2, 28), on)
    assert trigger.in_window(D(2026, 3, 1), on)


def test_window_at_a_month_end_in_a_leap_year():
    on = D(2028, 8, 31)
    assert not trigger.in_window(D(2028, 2, 29), on)
    assert not trigger.in_window(D(2028, 2, 28), on)
    assert trigger.in_window(D(2028, 3, 1), on)


@pytest.mark.parametrize(
    ("cases", "level"), [(0, Level.NONE), (1, Level.NONE), (2, Level.WARNING), (3, Level.MET)]
)
def test_person_levels(cases, level):
    assert trigger.person_level(cases) is level


@pytest.mark.parametrize(
    ("reporters", "level"),
    [(3, Level.NONE), (4, Level.WARNING), (5, Level.MET), (12, Level.MET)],
)
def test_place_levels(reporters, level):
    assert trigger.place_level(reporters) is level


def test_three_reports_on_one_case_count_once():
    on = D(2026, 6, 1)
    reports = [Report(reporter_id=1, case_id=10, reported_on=D(2026, 5, d)) for d in (1, 2, 3)]
    assert trigger.person_counts(reports, on) == {1: 1}
    assert trigger.person_level(1) is Level.NONE


def test_three_reports_on_three_cases_meet_the_threshold():
    on = D(2026, 6, 1)
    reports = [Report(reporter_id=1, case_id=c, reported_on=D(2026, 5, 1)) for c in (10, 11, 12)]
    assert trigger.person_counts(reports, on) == {1: 3}


def test_person_counts_leave_out_reports_outside_the_window():
    on = D(2026, 9, 15)
    reports = [
        Report(reporter_id=1, case_id=10, reported_on=D(2026, 3, 15)),  # boundary: out
        Report(reporter_id=1, case_id=11, reported_on=D(2026, 3, 16)),
        Report(reporter_id=1, case_id=12, reported_on=D(2026, 9, 16)),  # after T: out
    ]
    assert trigger.person_counts(reports, on) == {1: 1}


def test_place_counts_distinct_people_per_block_or_estate():
    on = D(2026, 6, 1)
    day = D(2026, 5, 1)
    reports = [
        # Five different people about block 7 (one of them twice).
        *[
            Report(reporter_id=p, case_id=p, reported_on=day, block_id=7, estate_id=3)
            for p in range(1, 6)
        ],
        Report(reporter_id=1, case_id=99, reported_on=day, block_id=7, estate_id=3),
        # Homes in no block count against the estate, not the blocks on it.
        Report(reporter_id=8, case_id=20, reported_on=day, estate_id=3),
        Report(reporter_id=9, case_id=21, reported_on=day, estate_id=3),
        # A case with no place counts nowhere.
        Report(reporter_id=10, case_id=30, reported_on=day),
    ]
    assert trigger.place_counts(reports, on) == {("block", 7): 5, ("estate", 3): 2}


def test_messages_name_the_person_and_the_threshold():
    assert trigger.person_message("Edna Thompson", 1) is None
    assert trigger.person_message("Edna Thompson", 2) == (
        "ASB Case Review: Edna Thompson has reported 2 ASB cases in six months "
        "(the threshold is 3)."
    )
    assert trigger.person_message("Edna Thompson", 3) == (
        "ASB Case Review: Edna Thompson has reported 3 ASB cases in six months and meets the "
        "threshold: offer an ASB Case Review."
    )


def test_place_messages():
    assert trigger.place_message("Alder House", 3) is None
    assert "(the threshold is 5)" in (trigger.place_message("Alder House", 4) or "")
    message = trigger.place_message("Alder House", 5) or ""
    assert "5 different people have reported ASB at Alder House" in message
    assert message.endswith("meets the threshold: offer an ASB Case Review.")
