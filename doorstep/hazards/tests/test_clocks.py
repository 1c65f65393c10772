"""The Awaab's Law clocks (DOMAIN.md §4) across weekends and bank holidays, at the exact
boundary, and the 12-week path. Every expected moment is worked out by hand in the test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doorstep.core.working_days import LONDON
from doorstep.hazards import clocks


@dataclass
class Hazard:
    severity: str = "significant"
    reported_at: dt.datetime = dt.datetime(2025, 12, 19, 10, 0, tzinfo=LONDON)
    investigated_at: dt.datetime | None = None
    summary_sent_at: dt.datetime | None = None
    safety_work_done_at: dt.datetime | None = None
    preventative_work_begun_at: dt.datetime | None = None
    preventative_not_practicable_reason: str = ""
    alternative_offered_at: dt.datetime | None = None


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def end_of(*args: int) -> dt.datetime:
    return dt.datetime(*args, 23, 59, 59, tzinfo=LONDON)


def by_key(hazard: Hazard, now: dt.datetime) -> dict[str, clocks.Clock]:
    return {clock.key: clock for clock in clocks.hazard_clocks(hazard, now)}


# --- emergency: 24 hours ----------------------------------------------------------------------


def test_an_emergency_reported_at_four_on_a_friday_is_due_at_four_on_saturday():
    hazard = Hazard(severity="emergency", reported_at=at(2026, 3, 6, 16, 0))
    due = clocks.due_moments(hazard)
    assert due.investigate_by == at(2026, 3, 7, 16, 0)
    assert due.safety_work_by == at(2026, 3, 7, 16, 0)
    assert due.summary_by is None and due.preventative_by is None
    shown = by_key(hazard, at(2026, 3, 6, 17, 0))
    assert list(shown) == ["investigate", "safety_work", "alternative"]
    assert shown["investigate"].state == "due_soon"
    assert shown["safety_work"].title == "Make the home safe"
    assert shown["alternative"].state == "if_needed"


def test_an_emergency_made_safe_at_the_24th_hour_is_in_time_and_a_second_later_is_late():
    reported = at(2026, 3, 6, 16, 0)
    on_time = Hazard(
        severity="emergency",
        reported_at=reported,
        investigated_at=at(2026, 3, 7, 16, 0),
        safety_work_done_at=at(2026, 3, 7, 16, 0),
    )
    shown = by_key(on_time, at(2026, 3, 9, 9, 0))
    assert shown["investigate"].state == "done" and shown["safety_work"].state == "done"
    assert shown["alternative"].state == "not_needed"
    late = Hazard(
        severity="emergency",
        reported_at=reported,
        investigated_at=at(2026, 3, 7, 16, 0, 1),
        safety_work_done_at=at(2026, 3, 7, 16, 0, 1),
    )
    shown = by_key(late, at(2026, 3, 9, 9, 0))
    assert shown["investigate"].state == "late" and shown["safety_work"].state == "late"
    # Not made safe in time and no offer of alternative accommodation: that is missed too.
    assert shown["alternative"].state == "overdue"
    assert [c.key for c in clocks.missed(list(shown.values()))] == [
        "investigate",
        "safety_work",
        "alternative",
    ]


def test_an_emergency_not_made_safe_in_time_needs_an_offer_of_alternative_accommodation():
    hazard = Hazard(severity="emergency", reported_at=at(2026, 3, 6, 16, 0))
    shown = by_key(hazard, at(2026, 3, 7, 16, 30))
    assert shown["safety_work"].state == "overdue"
    assert shown["alternative"].state == "overdue"
    hazard.alternative_offered_at = at(2026, 3, 7, 15, 0)
    assert by_key(hazard, at(2026, 3, 7, 16, 30))["alternative"].state == "done"


# --- significant ------------------------------------------------------------------------------


def test_significant_investigation_over_christmas_and_new_year():
    # Reported Fri 19 Dec 2025: 1 Mon 22, 2 Tue 23, 3 Wed 24 Dec; 25 and 26 Dec bank holidays,
    # weekend; 4 Mon 29, 5 Tue 30, 6 Wed 31 Dec; 1 Jan bank holiday; 7 Fri 2 Jan; 8 Mon 5,
    # 9 Tue 6, 10 Wed 7 Jan 2026.
    hazard = Hazard()
    assert clocks.due_moments(hazard).investigate_by == end_of(2026, 1, 7)


def test_clocks_after_an_investigation_ending_on_christmas_eve():
    # Investigation ended Wed 24 Dec 2025, 14:00.
    # Summary, 3 working days: Mon 29, Tue 30, Wed 31 Dec.
    # Safety work and preventative work, 5: Mon 29, Tue 30, Wed 31 Dec, Fri 2 Jan, Mon 5 Jan.
    hazard = Hazard(investigated_at=at(2025, 12, 24, 14, 0))
    due = clocks.due_moments(hazard)
    assert due.summary_by == end_of(2025, 12, 31)
    assert due.safety_work_by == end_of(2026, 1, 5)
    assert due.preventative_by == end_of(2026, 1, 5)


def test_the_twelve_week_path_when_preventative_work_is_not_reasonably_practicable():
    # 12 weeks (84 days) after Wed 24 Dec 2025: 7 days to 31 Dec, 31 to 31 Jan (38), 28 to
    # 28 Feb (66), 18 to Wed 18 March 2026 (84).
    hazard = Hazard(
        investigated_at=at(2025, 12, 24, 14, 0),
        preventative_not_practicable_reason="Needs scaffolding and a roof survey first",
    )
    assert clocks.due_moments(hazard).preventative_by == end_of(2026, 3, 18)
    shown = by_key(hazard, at(2026, 1, 12, 9, 0))
    assert shown["preventative"].state == "due"
    assert "12 weeks" in shown["preventative"].text
    # Begun on the last day of the 12 weeks: in time; a day later would be late.
    hazard.preventative_work_begun_at = at(2026, 3, 18, 17, 0)
    assert by_key(hazard, at(2026, 3, 20, 9, 0))["preventative"].state == "done"
    hazard.preventative_work_begun_at = at(2026, 3, 19, 8, 0)
    assert by_key(hazard, at(2026, 3, 20, 9, 0))["preventative"].state == "late"


def test_a_summary_across_the_spring_bank_holiday_at_the_exact_boundary():
    # Investigated Fri 22 May 2026; Mon 25 May is the spring bank holiday: Tue 26, Wed 27,
    # Thu 28 May.
    hazard = Hazard(reported_at=at(2026, 5, 18, 9, 0), investigated_at=at(2026, 5, 22, 15, 0))
    assert clocks.due_moments(hazard).summary_by == end_of(2026, 5, 28)
    hazard.summary_sent_at = end_of(2026, 5, 28)
    assert by_key(hazard, at(2026, 6, 1, 9, 0))["summary"].state == "done"
    hazard.summary_sent_at = at(2026, 5, 29, 0, 0)
    assert by_key(hazard, at(2026, 6, 1, 9, 0))["summary"].state == "late"


def test_clocks_after_the_investigation_wait_until_it_ends():
    shown = by_key(Hazard(), at(2025, 12, 22, 9, 0))
    assert shown["investigate"].state == "due"
    assert [shown[k].state for k in ("summary", "safety_work", "preventative", "alternative")] == [
        "waiting",
        "waiting",
        "waiting",
        "waiting",
    ]
    assert shown["summary"].text == "Starts when the investigation ends."


def test_due_soon_is_due_by_the_end_of_the_next_working_day():
    hazard = Hazard()  # investigate by the end of Wed 7 Jan 2026
    assert by_key(hazard, at(2026, 1, 5, 9, 0))["investigate"].state == "due"  # Monday
    assert by_key(hazard, at(2026, 1, 6, 9, 0))["investigate"].state == "due_soon"  # Tuesday
    assert by_key(hazard, end_of(2026, 1, 7))["investigate"].state == "due_soon"  # the boundary
    assert by_key(hazard, at(2026, 1, 8, 0, 0))["investigate"].state == "overdue"


def test_what_is_due_next_is_the_soonest_open_clock():
    hazard = Hazard(investigated_at=at(2025, 12, 24, 14, 0))
    now = at(2025, 12, 29, 9, 0)
    upcoming = clocks.next_due(clocks.hazard_clocks(hazard, now))
    assert upcoming is not None and upcoming.key == "summary"
    assert upcoming.text == "Due by Wed 31 Dec 2025, 23:59"
    hazard.summary_sent_at = at(2025, 12, 30, 10, 0)
    upcoming = clocks.next_due(clocks.hazard_clocks(hazard, now))
    assert upcoming is not None and upcoming.key == "safety_work"
    hazard.safety_work_done_at = at(2025, 12, 31, 10, 0)
    hazard.preventative_work_begun_at = at(2026, 1, 2, 10, 0)
    done = clocks.hazard_clocks(hazard, now)
    assert clocks.next_due(done) is None
    assert clocks.missed(done) == []
    assert {c.key: c.state for c in done}["alternative"] == "not_needed"


def test_a_significant_hazard_not_made_safe_in_time_with_an_offer_declined():
    hazard = Hazard(
        investigated_at=at(2025, 12, 24, 14, 0),
        alternative_offered_at=at(2026, 1, 5, 12, 0),
    )
    shown = by_key(hazard, at(2026, 1, 6, 9, 0))
    assert shown["safety_work"].state == "overdue"
    assert shown["alternative"].state == "done"
