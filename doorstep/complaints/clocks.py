"""The Complaint Handling Code clocks of DOMAIN.md §4, as pure functions (fixed rules).

| stage | acknowledge                              | respond                                       |
| 1     | 5 working days of receipt                | 10 working days of acknowledgement, +≤10 ext. |
| 2     | 5 working days of the escalation request | 20 working days of acknowledgement, +≤20 ext. |

"Within N working days of D" is by the end of the Nth working day after D (D never counts), so
every due date here is a DATE: the stage is on time if the thing is done on or before it. The
response clock cannot start until the stage is acknowledged.

The functions take anything with a stage's date fields (a `ComplaintStage`, or a plain object
in tests and imports) and never touch the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Protocol

from doorstep.core.working_days import add_working_days, working_days_between

ACKNOWLEDGE_WORKING_DAYS = {1: 5, 2: 5}
RESPOND_WORKING_DAYS = {1: 10, 2: 20}
# The most extra working days a response may be extended by, in total, per stage.
MAX_EXTENSION = {1: 10, 2: 20}


class StageDates(Protocol):
    stage: int
    received_on: dt.date
    acknowledged_on: dt.date | None
    responded_on: dt.date | None
    extension_working_days: int


def _check_stage(stage: int) -> None:
    if stage not in ACKNOWLEDGE_WORKING_DAYS:
        raise ValueError(f"A complaint stage is 1 or 2, not {stage}.")


def acknowledge_due(*, stage: int, received_on: dt.date) -> dt.date:
    """The last day to acknowledge: 5 working days after receipt (stage 2: after the
    escalation request)."""
    _check_stage(stage)
    return add_working_days(received_on, ACKNOWLEDGE_WORKING_DAYS[stage])


def respond_due(
    *, stage: int, acknowledged_on: dt.date, extension_working_days: int = 0
) -> dt.date:
    """The last day to respond: 10 (stage 2: 20) working days after acknowledgement, plus the
    agreed extension."""
    _check_stage(stage)
    if not 0 <= extension_working_days <= MAX_EXTENSION[stage]:
        raise ValueError(
            f"A stage {stage} extension is 0 to {MAX_EXTENSION[stage]} working days, "
            f"not {extension_working_days}."
        )
    return add_working_days(acknowledged_on, RESPOND_WORKING_DAYS[stage] + extension_working_days)


def acknowledge_by(stage: StageDates) -> dt.date:
    return acknowledge_due(stage=stage.stage, received_on=stage.received_on)


def respond_by(stage: StageDates) -> dt.date | None:
    """None until the stage is acknowledged: the response clock has not started."""
    if stage.acknowledged_on is None:
        return None
    return respond_due(
        stage=stage.stage,
        acknowledged_on=stage.acknowledged_on,
        extension_working_days=stage.extension_working_days,
    )


def acknowledged_in_time(stage: StageDates) -> bool | None:
    if stage.acknowledged_on is None:
        return None
    return stage.acknowledged_on <= acknowledge_by(stage)


def within_code_timescale(stage: StageDates) -> bool | None:
    """Whether a responded stage met the response clock, with any agreed extension
    (the CH02 test). None while the stage has no response."""
    if stage.responded_on is None:
        return None
    due = respond_by(stage)
    # The database refuses a response without an acknowledgement; treat one as not met.
    return due is not None and stage.responded_on <= due


# --- what an officer sees ---------------------------------------------------------------------

ClockState = Literal["done", "waiting", "due", "overdue"]


def format_day(day: dt.date) -> str:
    """Tue 5 Jan 2027."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _working_days(count: int) -> str:
    return f"{count} working day{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class Clock:
    """One clock of one stage on a given day.

    `working_days`: left before the due date when `due`; overdue by when `overdue`; how late
    it was done when `done` (0 when on time); 0 when `waiting`.
    """

    kind: Literal["acknowledge", "respond"]
    state: ClockState
    due_on: dt.date | None
    done_on: dt.date | None
    working_days: int
    text: str
    on_time: bool | None = None

    @property
    def is_overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def is_due_today(self) -> bool:
        return self.state == "due" and self.working_days == 0


def _open_clock(
    kind: Literal["acknowledge", "respond"], due: dt.date, today: dt.date, extra: str = ""
) -> Clock:
    verb, noun = (
        ("Acknowledge", "Acknowledgement")
        if kind == "acknowledge"
        else (
            "Respond",
            "Response",
        )
    )
    if today > due:
        late = working_days_between(due, today)
        how_much = f" by {_working_days(late)}" if late else ""
        text = f"{noun} overdue{how_much} (was due by {format_day(due)}){extra}"
        return Clock(kind, "overdue", due, None, late, text)
    left = working_days_between(today, due)
    when = "due today" if left == 0 else f"{_working_days(left)} left"
    return Clock(kind, "due", due, None, left, f"{verb} by {format_day(due)} — {when}{extra}")


def _done_clock(
    kind: Literal["acknowledge", "respond"], due: dt.date, done: dt.date, extra: str = ""
) -> Clock:
    past = "Acknowledged" if kind == "acknowledge" else "Responded"
    if done <= due:
        met = "on time" if kind == "acknowledge" else "within the Code timescale"
        return Clock(
            kind, "done", due, done, 0, f"{past} on {format_day(done)}, {met}{extra}", True
        )
    late = working_days_between(due, done)
    how = f"{_working_days(late)} late" if late else "late"
    text = f"{past} on {format_day(done)}, {how} (was due by {format_day(due)}){extra}"
    return Clock(kind, "done", due, done, late, text, False)


def acknowledge_clock(stage: StageDates, today: dt.date) -> Clock:
    due = acknowledge_by(stage)
    if stage.acknowledged_on is not None:
        return _done_clock("acknowledge", due, stage.acknowledged_on)
    return _open_clock("acknowledge", due, today)


def respond_clock(stage: StageDates, today: dt.date) -> Clock:
    due = respond_by(stage)
    if due is None:
        text = (
            "Acknowledge first: the response clock starts when the complaint is acknowledged "
            f"(acknowledge by {format_day(acknowledge_by(stage))})"
        )
        return Clock("respond", "waiting", None, None, 0, text)
    extra = (
        f" (includes an extension of {_working_days(stage.extension_working_days)})"
        if stage.extension_working_days
        else ""
    )
    if stage.responded_on is not None:
        return _done_clock("respond", due, stage.responded_on, extra)
    return _open_clock("respond", due, today, extra)


def stage_clocks(stage: StageDates, today: dt.date) -> tuple[Clock, Clock]:
    return acknowledge_clock(stage, today), respond_clock(stage, today)


def next_clock(stage: StageDates, today: dt.date) -> Clock | None:
    """What the stage needs next: acknowledging, then responding; None once responded."""
    if stage.responded_on is not None:
        return None
    if stage.acknowledged_on is None:
        return acknowledge_clock(stage, today)
    return respond_clock(stage, today)
