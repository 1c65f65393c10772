import datetime as dt
from decimal import Decimal

import pytest

from doorstep.inspections import rules


def test_all_passes_score_one_hundred():
    assert rules.score(passes=9, fails=0) == Decimal("100.0")


def test_all_fails_score_nought_which_is_a_score():
    assert rules.score(passes=0, fails=3) == Decimal("0.0")
    assert rules.score_text(Decimal("0.0")) == "0.0%"


def test_all_not_applicable_is_not_scored():
    assert rules.score(passes=0, fails=0) is None
    assert rules.score_text(None) == "Not scored"


def test_mixed_answers_leave_not_applicable_out():
    # 7 passes, 1 fail, 1 not applicable: 7 / 8 = 87.5%.
    assert rules.score(passes=7, fails=1) == Decimal("87.5")
    assert rules.score(passes=8, fails=1) == Decimal("88.9")  # 88.888…
    assert rules.score(passes=1, fails=2) == Decimal("33.3")  # 33.333…
    assert rules.score(passes=2, fails=1) == Decimal("66.7")  # 66.666…


@pytest.mark.parametrize(
    ("passes", "fails", "expected"),
    [
        (1, 15, "6.3"),  # exactly 6.25: halves go up (not to even, which would give 6.2)
        (3, 13, "18.8"),  # exactly 18.75
        (5, 11, "31.3"),  # exactly 31.25
        (13, 3, "81.3"),  # exactly 81.25
        (1, 39, "2.5"),  # exactly 2.5: nothing to round
    ],
)
def test_halves_round_up_to_one_decimal_place(passes, fails, expected):
    assert rules.score(passes=passes, fails=fails) == Decimal(expected)
    assert str(rules.score(passes=passes, fails=fails)) == expected


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        rules.score(passes=-1, fails=2)


START = dt.date(2026, 3, 2)


def test_next_due_is_the_start_before_any_inspection():
    assert rules.next_due_on(starts_on=START, frequency_weeks=4, last_inspected_on=None) == START


def test_next_due_is_one_frequency_after_the_last_inspection():
    last = dt.date(2026, 4, 10)
    assert rules.next_due_on(starts_on=START, frequency_weeks=4, last_inspected_on=last) == dt.date(
        2026, 5, 8
    )
    assert rules.next_due_on(starts_on=START, frequency_weeks=6, last_inspected_on=last) == dt.date(
        2026, 5, 22
    )


def test_next_due_is_never_before_the_schedule_starts():
    # Inspected in January; the schedule starts in March: due on the start date, not February.
    assert (
        rules.next_due_on(starts_on=START, frequency_weeks=4, last_inspected_on=dt.date(2026, 1, 5))
        == START
    )


def test_next_due_crosses_the_year_end():
    assert rules.next_due_on(
        starts_on=START, frequency_weeks=4, last_inspected_on=dt.date(2026, 12, 14)
    ) == dt.date(2027, 1, 11)


@pytest.mark.parametrize(
    ("days", "weeks"), [(28, 4), (14, 2), (7, 1), (3, 1), (30, 4), (365, 52), (0, 4), (None, 4)]
)
def test_an_estates_frequency_in_days_becomes_whole_weeks(days, weeks):
    assert rules.weeks_from_days(days) == weeks
