"""The inspection clock and the closing rule of doorstep.flytipping.rules."""

import datetime as dt

import pytest

from doorstep.cases.models import ClosureReason
from doorstep.flytipping import rules

D = dt.date


@pytest.mark.parametrize(
    ("asked", "due"),
    [
        (D(2026, 9, 14), D(2026, 9, 16)),  # Monday: Wednesday
        (D(2026, 9, 11), D(2026, 9, 15)),  # Friday: over the weekend to Tuesday
        (D(2026, 9, 12), D(2026, 9, 15)),  # Saturday: the day asked never counts
        # Maundy Thursday: Good Friday and Easter Monday are bank holidays.
        (D(2026, 4, 2), D(2026, 4, 8)),
    ],
)
def test_inspection_is_due_within_two_working_days(asked, due):
    assert rules.INSPECTION_WORKING_DAYS == 2
    assert rules.inspection_due_on(asked) == due


@pytest.mark.parametrize("reason", ClosureReason.values)
def test_only_resolved_is_refused_and_only_while_the_inspection_is_open(reason):
    assert rules.closing_blocked(closure_reason=reason, inspection_open=True) == (
        reason == ClosureReason.RESOLVED
    )
    assert not rules.closing_blocked(closure_reason=reason, inspection_open=False)
