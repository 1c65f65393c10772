"""The Awaab's Law clocks of DOMAIN.md §4 for a hazard, as pure functions (fixed rules).

Emergency hazards: investigate, and make the home safe (the safety work), within 24 clock
hours of the report.

Significant hazards:
- investigate by the end of the 10th working day after the day of the report;
- send the written summary by the end of the 3rd working day after the investigation ended;
- finish the relevant safety work by the end of the 5th working day after it ended;
- begin supplementary preventative work by the end of the 5th working day after it ended, or,
  where that is not reasonably practicable (the reason recorded), within 12 weeks (84 days, to
  the end of that day).

Both: when the home cannot be made safe in time, offer alternative accommodation by the time
the safety work was due.

The clocks that run from the investigation wait until it has ended. A clock is met when its
milestone is recorded at or before the moment it is due. Working days and hours come from
`doorstep.core.working_days` (Europe/London, England and Wales bank holidays).

The functions take anything with a hazard's fields (a `HazardReport`, or a plain object in
tests) and never touch the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Protocol

from doorstep.core.working_days import (
    add_working_days,
    due_within_hours,
    due_within_working_days,
    end_of_day,
    format_moment,
    local_date,
)

EMERGENCY_HOURS = 24
INVESTIGATE_WORKING_DAYS = 10
SUMMARY_WORKING_DAYS = 3
SAFETY_WORK_WORKING_DAYS = 5
PREVENTATIVE_WORKING_DAYS = 5
PREVENTATIVE_NOT_PRACTICABLE_DAYS = 12 * 7

ClockKey = Literal["investigate", "summary", "safety_work", "preventative", "alternative"]
ClockState = Literal[
    "waiting", "due", "due_soon", "overdue", "done", "late", "if_needed", "not_needed"
]
OPEN_STATES = ("due", "due_soon", "overdue")
MISSED_STATES = ("overdue", "late")


class HazardDates(Protocol):
    severity: str
    reported_at: dt.datetime
    investigated_at: dt.datetime | None
    summary_sent_at: dt.datetime | None
    safety_work_done_at: dt.datetime | None
    preventative_work_begun_at: dt.datetime | None
    preventative_not_practicable_reason: str
    alternative_offered_at: dt.datetime | None


# --- due moments -----------------------------------------------------------------------------


def investigate_due(*, severity: str, reported_at: dt.datetime) -> dt.datetime:
    if severity == "emergency":
        return due_within_hours(reported_at, EMERGENCY_HOURS)
    return due_within_working_days(reported_at, INVESTIGATE_WORKING_DAYS)


def summary_due(*, severity: str, investigated_at: dt.datetime | None) -> dt.datetime | None:
    """Significant hazards only; None until the investigation has ended."""
    if severity == "emergency" or investigated_at is None:
        return None
    return due_within_working_days(investigated_at, SUMMARY_WORKING_DAYS)


def safety_work_due(
    *, severity: str, reported_at: dt.datetime, investigated_at: dt.datetime | None
) -> dt.datetime | None:
    """Emergency: made safe within 24 hours of the report. Significant: 5 working days after
    the investigation ended (None until then)."""
    if severity == "emergency":
        return due_within_hours(reported_at, EMERGENCY_HOURS)
    if investigated_at is None:
        return None
    return due_within_working_days(investigated_at, SAFETY_WORK_WORKING_DAYS)


def preventative_due(
    *, severity: str, investigated_at: dt.datetime | None, not_practicable: bool
) -> dt.datetime | None:
    """Significant hazards only: 5 working days after the investigation, or 12 weeks when that
    is not reasonably practicable (reason recorded). None until the investigation has ended."""
    if severity == "emergency" or investigated_at is None:
        return None
    if not_practicable:
        day = local_date(investigated_at) + dt.timedelta(days=PREVENTATIVE_NOT_PRACTICABLE_DAYS)
        return end_of_day(day)
    return due_within_working_days(investigated_at, PREVENTATIVE_WORKING_DAYS)


@dataclass(frozen=True)
class DueMoments:
    investigate_by: dt.datetime
    summary_by: dt.datetime | None
    safety_work_by: dt.datetime | None
    preventative_by: dt.datetime | None


def due_moments(hazard: HazardDates) -> DueMoments:
    """Every clock's due moment for the hazard as it stands (what the services store)."""
    return DueMoments(
        investigate_by=investigate_due(severity=hazard.severity, reported_at=hazard.reported_at),
        summary_by=summary_due(severity=hazard.severity, investigated_at=hazard.investigated_at),
        safety_work_by=safety_work_due(
            severity=hazard.severity,
            reported_at=hazard.reported_at,
            investigated_at=hazard.investigated_at,
        ),
        preventative_by=preventative_due(
            severity=hazard.severity,
            investigated_at=hazard.investigated_at,
            not_practicable=bool(hazard.preventative_not_practicable_reason),
        ),
    )


# --- what an officer sees ---------------------------------------------------------------------


LABELS: dict[str, tuple[str, str]] = {
    # key: (what is due, what it is called once done)
    "investigate": ("Investigate", "Investigated"),
    "make_safe": ("Make the home safe", "Made safe"),
    "summary": ("Send the written summary", "Written summary sent"),
    "safety_work": ("Complete the safety work", "Safety work done"),
    "preventative": ("Begin the preventative work", "Preventative work begun"),
    "alternative": ("Offer alternative accommodation", "Alternative accommodation offered"),
}


@dataclass(frozen=True)
class Clock:
    key: ClockKey
    title: str
    state: ClockState
    due_at: dt.datetime | None
    done_at: dt.datetime | None
    text: str

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_missed(self) -> bool:
        return self.state in MISSED_STATES


def due_soon_until(now: dt.datetime) -> dt.datetime:
    """A clock is due soon when it is due by the end of the next working day."""
    return end_of_day(add_working_days(local_date(now), 1))


def _clock(
    key: ClockKey,
    title: str,
    *,
    due: dt.datetime | None,
    done: dt.datetime | None,
    now: dt.datetime,
    waiting_text: str = "",
) -> Clock:
    what, past = LABELS[title]
    if due is None:
        if done is not None:
            return Clock(key, past, "done", None, done, f"{past} {format_moment(done)}")
        return Clock(key, what, "waiting", None, None, waiting_text)
    if done is not None:
        if done <= due:
            text = f"{past} {format_moment(done)}, in time (due by {format_moment(due)})"
            return Clock(key, past, "done", due, done, text)
        text = f"{past} {format_moment(done)}, late (was due by {format_moment(due)})"
        return Clock(key, past, "late", due, done, text)
    if now > due:
        return Clock(key, what, "overdue", due, None, f"Overdue: was due by {format_moment(due)}")
    state: ClockState = "due_soon" if due <= due_soon_until(now) else "due"
    return Clock(key, what, state, due, None, f"Due by {format_moment(due)}")


def hazard_clocks(hazard: HazardDates, now: dt.datetime) -> list[Clock]:
    """The hazard's clocks in the order the work happens, each with its state at `now`."""
    due = due_moments(hazard)
    emergency = hazard.severity == "emergency"
    after = "Starts when the investigation ends."
    clocks = [
        _clock(
            "investigate",
            "investigate",
            due=due.investigate_by,
            done=hazard.investigated_at,
            now=now,
        )
    ]
    if not emergency:
        clocks.append(
            _clock(
                "summary",
                "summary",
                due=due.summary_by,
                done=hazard.summary_sent_at,
                now=now,
                waiting_text=after,
            )
        )
    clocks.append(
        _clock(
            "safety_work",
            "make_safe" if emergency else "safety_work",
            due=due.safety_work_by,
            done=hazard.safety_work_done_at,
            now=now,
            waiting_text=after,
        )
    )
    if not emergency:
        practicable = (
            " (12 weeks: not reasonably practicable within 5 working days)"
            if hazard.preventative_not_practicable_reason
            else ""
        )
        preventative = _clock(
            "preventative",
            "preventative",
            due=due.preventative_by,
            done=hazard.preventative_work_begun_at,
            now=now,
            waiting_text=after,
        )
        if practicable and preventative.state != "waiting":
            preventative = Clock(
                preventative.key,
                preventative.title,
                preventative.state,
                preventative.due_at,
                preventative.done_at,
                preventative.text + practicable,
            )
        clocks.append(preventative)
    clocks.append(_alternative_clock(hazard, due.safety_work_by, now))
    return clocks


def _alternative_clock(
    hazard: HazardDates, safety_due: dt.datetime | None, now: dt.datetime
) -> Clock:
    """Needed when the home cannot be made safe in time: offered by the safety work's due."""
    what, past = LABELS["alternative"]
    offered = hazard.alternative_offered_at
    if safety_due is None:
        if offered is not None:
            return Clock(
                "alternative", past, "done", None, offered, f"{past} {format_moment(offered)}"
            )
        return Clock(
            "alternative",
            what,
            "waiting",
            None,
            None,
            "Only if the home cannot be made safe in time.",
        )
    done = hazard.safety_work_done_at
    made_safe_in_time = done is not None and done <= safety_due
    if made_safe_in_time and offered is None:
        return Clock(
            "alternative", what, "not_needed", safety_due, None, "Not needed: made safe in time."
        )
    if offered is None and done is None and now <= safety_due:
        return Clock(
            "alternative",
            what,
            "if_needed",
            safety_due,
            None,
            f"If the home cannot be made safe by {format_moment(safety_due)}.",
        )
    return _clock("alternative", "alternative", due=safety_due, done=offered, now=now)


def _due_at(clock: Clock) -> dt.datetime:
    assert clock.due_at is not None
    return clock.due_at


def next_due(clocks: list[Clock]) -> Clock | None:
    """What is due next: the open clock due soonest (an overdue one is the earliest)."""
    open_clocks = [clock for clock in clocks if clock.is_open and clock.due_at is not None]
    return min(open_clocks, key=_due_at, default=None)


def missed(clocks: list[Clock]) -> list[Clock]:
    return [clock for clock in clocks if clock.is_missed]
