"""The welfare-call rules of DOMAIN.md §9, as plain functions.

When a call is due: `frequency_days` after the last call that got through or was declined
(never called: from the programme's start). A `no_answer` does not reset the clock: the person
stays due and comes back the next day, so a second try (and, after two, the escalation) happens
within days, not a whole period later.

Escalation: two `no_answer` in a row for the same person in the same programme raise one
escalation for the team leader, due the same day. Any other outcome ends the run; a third
`no_answer` in the same run does not raise another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

NO_ANSWER = "no_answer"
COMPLETED_OUTCOMES = frozenset({"spoke_ok", "concern", "declined"})
RUN_TO_ESCALATE = 2


def next_call_due(
    *,
    start_date: dt.date,
    frequency_days: int,
    last_completed_on: dt.date | None,
    last_attempt_on: dt.date | None = None,
    last_attempt_outcome: str = "",
) -> dt.date:
    """The date the person's next call is due.

    `last_completed_on`: the last call that got through or was declined; `last_attempt_*`:
    the latest call of any outcome. A `no_answer` on or after the due date moves it to the
    next day (the officer already tried today)."""
    if last_completed_on is None:
        due = start_date
    else:
        due = max(start_date, last_completed_on + dt.timedelta(days=frequency_days))
    if last_attempt_on is not None and last_attempt_outcome == NO_ANSWER and last_attempt_on >= due:
        due = last_attempt_on + dt.timedelta(days=1)
    return due


def is_due(*, due_on: dt.date, today: dt.date) -> bool:
    return due_on <= today


@dataclass(frozen=True)
class PastCall:
    outcome: str
    escalated: bool = False


def needs_escalation(history: Sequence[PastCall]) -> bool:
    """`history`: one person's calls in one programme, oldest first, the new call last.

    True when the calls end in a run of at least two `no_answer` and no call in that run has
    been escalated yet."""
    run: list[PastCall] = []
    for call in reversed(history):
        if call.outcome != NO_ANSWER:
            break
        run.append(call)
    return len(run) >= RUN_TO_ESCALATE and not any(call.escalated for call in run)
