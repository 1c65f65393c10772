"""Fly-tipping rules (DOMAIN.md §6): pure functions, no database.

**Inspection.** Asking the estates team to inspect creates a case action for the estates
officer, due within INSPECTION_WORKING_DAYS working days of the day it was asked for (DOMAIN.md
§4: that day never counts). Two working days: soon enough that dumped rubbish is seen, and
evidence (letters, receipts in the bags) gathered, before it is cleared or spreads; long
enough to fit into an estates officer's rounds. The action is on their My day from the working
day before it is due.

**Closing as resolved.** A fly-tipping case cannot be closed as "resolved" while the
inspection asked of the estates team is still open. An estates officer would expect that
nobody calls the matter resolved before they have been to look: the inspection is where the
evidence of who dumped it is found, and where they confirm it has really gone. The case team
either marks the inspection done (or the estates work records it) and then closes, or closes
for another reason (a duplicate report, no further action possible, referred elsewhere) —
those do not claim the problem is solved, and an open action on a closed case leaves the
estates officer's My day by itself.
"""

from __future__ import annotations

import datetime as dt

from doorstep.cases.models import ClosureReason
from doorstep.core.working_days import add_working_days

INSPECTION_WORKING_DAYS = 2
INSPECTION_TITLE = "Inspect the fly-tipping"


def inspection_due_on(requested_on: dt.date) -> dt.date:
    """The date the inspection is due: the INSPECTION_WORKING_DAYS-th working day after the
    day it was asked for."""
    return add_working_days(requested_on, INSPECTION_WORKING_DAYS)


def closing_blocked(*, closure_reason: str, inspection_open: bool) -> bool:
    """Whether closing with `closure_reason` is refused (see the module docstring)."""
    return closure_reason == ClosureReason.RESOLVED and inspection_open


def closing_blocked_text(*, owner: str, due_on: dt.date) -> str:
    return (
        f"The inspection asked of {owner} (due {due_on:%-d %b %Y}) is still open. Mark it "
        "done once the estates team has inspected, or close the case for another reason."
    )
