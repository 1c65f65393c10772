"""Property-based tests (hypothesis) of the Clutter Image Rating rules of DOMAIN.md §6."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstep.core.working_days import add_working_days
from doorstep.hoarding.rules import (
    FIRE_SAFETY_REFERRAL,
    HIGHEST,
    LOWEST,
    SAFEGUARDING_CONSIDERATION,
    SUPPORT_PLAN,
    Band,
    actions_for,
    band_for,
    case_rating,
    check_score,
)

scores = st.integers(min_value=LOWEST, max_value=HIGHEST)
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2040, 12, 31))


@given(living_room=scores, kitchen=scores, bedroom=scores)
def test_the_case_rating_is_the_highest_room(living_room, kitchen, bedroom):
    rating = case_rating(living_room=living_room, kitchen=kitchen, bedroom=bedroom)
    assert rating == max(living_room, kitchen, bedroom)
    assert rating in (living_room, kitchen, bedroom)


@given(low=scores, high=scores)
def test_a_higher_rating_is_never_a_lower_band(low, high):
    order = [Band.NO_CONCERN, Band.HOARDING, Band.HIGH_RISK]
    if low <= high:
        assert order.index(band_for(low)) <= order.index(band_for(high))


@given(rating=scores, rated_on=dates)
def test_each_band_creates_exactly_its_actions(rating, rated_on):
    titles = [action.title for action in actions_for(rating=rating, rated_on=rated_on)]
    if rating <= 3:
        assert titles == []
    elif rating <= 6:
        assert titles == [SUPPORT_PLAN]
    else:
        assert sorted(titles) == sorted([FIRE_SAFETY_REFERRAL, SAFEGUARDING_CONSIDERATION])


@given(rating=st.integers(min_value=4, max_value=6), rated_on=dates)
def test_the_support_plan_is_due_within_ten_working_days(rating, rated_on):
    (action,) = actions_for(rating=rating, rated_on=rated_on)
    assert action.due_on == add_working_days(rated_on, 10)


@given(rating=st.integers(min_value=7, max_value=9), rated_on=dates)
def test_high_risk_actions_are_due_at_once(rating, rated_on):
    for action in actions_for(rating=rating, rated_on=rated_on):
        assert rated_on < action.due_on <= add_working_days(rated_on, 1)


@given(score=st.integers().filter(lambda value: not LOWEST <= value <= HIGHEST))
def test_anything_off_the_scale_is_refused(score):
    with pytest.raises(ValueError, match="whole number from 1 to 9"):
        check_score(score)


@given(value=st.one_of(st.booleans(), st.floats(), st.text(max_size=3), st.none()))
def test_non_integers_are_refused(value):
    with pytest.raises(ValueError, match="whole number"):
        check_score(value)
