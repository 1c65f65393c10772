"""Property-based tests (hypothesis) of the ASB Case Review window and counts (DOMAIN.md §6)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from doorstep.asb.trigger import (
    PERSON_THRESHOLD,
    PLACE_THRESHOLD,
    Level,
    Report,
    in_window,
    months_before,
    person_counts,
    person_level,
    place_counts,
    place_level,
)

days = st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2060, 12, 31))
reports = st.lists(
    st.builds(
        Report,
        reporter_id=st.integers(min_value=1, max_value=6),
        case_id=st.integers(min_value=1, max_value=8),
        reported_on=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31)),
        block_id=st.one_of(st.none(), st.integers(min_value=1, max_value=3)),
        estate_id=st.one_of(st.none(), st.integers(min_value=1, max_value=2)),
    ),
    max_size=30,
)


@given(on=days)
def test_the_day_itself_is_in_the_window_and_six_months_back_is_not(on):
    start = months_before(on, 6)
    assert in_window(on, on)
    assert not in_window(start, on)
    assert in_window(start + dt.timedelta(days=1), on)
    assert not in_window(on + dt.timedelta(days=1), on)


@given(on=days)
def test_six_calendar_months_is_between_181_and_184_days(on):
    assert 181 <= (on - months_before(on, 6)).days <= 184


@given(on=days)
def test_six_months_back_is_the_same_day_of_the_month_or_the_last_day(on):
    start = months_before(on, 6)
    assert (start.year * 12 + start.month) == (on.year * 12 + on.month) - 6
    assert start.day == on.day or (start + dt.timedelta(days=1)).day == 1


@given(reports=reports, on=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_a_person_counts_different_cases_in_the_window(reports, on):
    counts = person_counts(reports, on)
    for reporter, count in counts.items():
        expected = {
            r.case_id for r in reports if r.reporter_id == reporter and in_window(r.reported_on, on)
        }
        assert count == len(expected)
    # Reporting twice about one case never counts twice.
    assert person_counts(reports + reports, on) == counts


@given(reports=reports, on=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_a_place_counts_different_people(reports, on):
    counts = place_counts(reports, on)
    for count in counts.values():
        assert 1 <= count <= len({r.reporter_id for r in reports})
    assert place_counts(reports + reports, on) == counts


@given(
    reports=reports,
    extra=reports,
    on=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31)),
)
def test_more_reports_never_lower_a_count(reports, extra, on):
    before_people, after_people = person_counts(reports, on), person_counts(reports + extra, on)
    before_places, after_places = place_counts(reports, on), place_counts(reports + extra, on)
    assert all(after_people[key] >= value for key, value in before_people.items())
    assert all(after_places[key] >= value for key, value in before_places.items())


@given(cases=st.integers(min_value=0, max_value=50))
def test_person_threshold_is_met_exactly_at_three(cases):
    assert (person_level(cases) is Level.MET) == (cases >= PERSON_THRESHOLD)


@given(reporters=st.integers(min_value=0, max_value=50))
def test_place_threshold_is_met_exactly_at_five(reporters):
    assert (place_level(reporters) is Level.MET) == (reporters >= PLACE_THRESHOLD)
