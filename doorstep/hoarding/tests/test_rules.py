import datetime as dt

import pytest

from doorstep.hoarding import rules
from doorstep.hoarding.rules import Band
from doorstep.hoarding.tests.conftest import FRI_18_DEC_2026


@pytest.mark.parametrize(
    ("rating", "band"),
    [
        (1, Band.NO_CONCERN),
        (3, Band.NO_CONCERN),
        (4, Band.HOARDING),
        (6, Band.HOARDING),
        (7, Band.HIGH_RISK),
        (9, Band.HIGH_RISK),
    ],
)
def test_band_at_every_boundary(rating, band):
    assert rules.band_for(rating) is band


def test_band_texts_say_what_to_do():
    assert rules.band_text(3) == "No hoarding concern"
    assert rules.band_text(4) == "Hoarding: agree a support plan within 10 working days"
    assert rules.band_text(7) == "High risk"


@pytest.mark.parametrize("bad", [0, 10, -1, True, "5", 4.5, None])
def test_only_whole_numbers_1_to_9_are_ratings(bad):
    with pytest.raises(ValueError, match="1 to 9"):
        rules.band_for(bad)


@pytest.mark.parametrize(
    ("living_room", "kitchen", "bedroom", "expected"),
    [(7, 2, 3, 7), (2, 8, 3, 8), (2, 3, 9, 9), (4, 4, 4, 4), (1, 1, 1, 1)],
)
def test_case_rating_is_the_highest_room(living_room, kitchen, bedroom, expected):
    assert rules.case_rating(living_room=living_room, kitchen=kitchen, bedroom=bedroom) == expected


def test_case_rating_refuses_a_room_off_the_scale():
    with pytest.raises(ValueError):
        rules.case_rating(living_room=3, kitchen=10, bedroom=2)


@pytest.mark.parametrize("rating", [1, 2, 3])
def test_no_concern_sets_no_actions(rating):
    assert rules.actions_for(rating=rating, rated_on=FRI_18_DEC_2026) == []


@pytest.mark.parametrize("rating", [4, 5, 6])
def test_hoarding_band_agrees_a_support_plan_within_10_working_days_across_christmas(rating):
    # Working days after Fri 18 Dec 2026: 21, 22, 23, 24, (25 Christmas, 28 Boxing Day
    # substitute) 29, 30, 31, (1 Jan New Year) 4, 5, 6 January 2027.
    assert rules.actions_for(rating=rating, rated_on=FRI_18_DEC_2026) == [
        rules.DueAction("Agree a support plan with the resident", dt.date(2027, 1, 6))
    ]


@pytest.mark.parametrize("rating", [7, 8, 9])
def test_high_risk_sets_both_actions_due_the_next_working_day(rating):
    actions = rules.actions_for(rating=rating, rated_on=FRI_18_DEC_2026)
    assert actions == [
        rules.DueAction(
            "Refer to fire and rescue for a home fire safety visit", dt.date(2026, 12, 21)
        ),
        rules.DueAction("Consider a safeguarding referral", dt.date(2026, 12, 21)),
    ]


def test_high_risk_on_christmas_eve_is_due_after_the_bank_holidays():
    # Thu 24 Dec 2026 -> not Fri 25 (Christmas), not the weekend, not Mon 28 (Boxing Day
    # substitute): Tue 29 Dec.
    due = {a.due_on for a in rules.actions_for(rating=8, rated_on=dt.date(2026, 12, 24))}
    assert due == {dt.date(2026, 12, 29)}


@pytest.mark.parametrize(("rating", "raises"), [(3, False), (6, False), (7, True), (9, True)])
def test_only_high_risk_raises_the_case_risk(rating, raises):
    assert rules.raises_risk_to_high(rating) is raises
