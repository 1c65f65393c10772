"""Placements with their next review: the list, My day, and the boundary of the clock."""

import datetime as dt

import pytest
import time_machine

from doorstep.core.working_days import LONDON
from doorstep.myday.selectors import my_day
from doorstep.ta_reviews import selectors
from doorstep.ta_reviews.tests.conftest import PLACED, make_placement
from doorstep.ta_reviews.tests.factories import TAReviewFactory

pytestmark = pytest.mark.django_db
WEEK_8 = dt.date(2026, 3, 2)


def due_refs(user, today):
    return [row.tenancy.reference for row in selectors.reviews_due_for(user=user, today=today)]


def test_the_first_review_comes_due_exactly_8_weeks_after_placement(officer, placement):
    assert due_refs(officer, WEEK_8 - dt.timedelta(days=1)) == []
    [row] = selectors.reviews_due_for(user=officer, today=WEEK_8)
    assert row.next_due == WEEK_8
    assert not row.is_overdue(WEEK_8)
    assert row.is_overdue(WEEK_8 + dt.timedelta(days=1))


def test_a_review_moves_the_due_date_to_the_date_it_set(officer, placement):
    TAReviewFactory(tenancy=placement, reviewed_on=WEEK_8)
    assert due_refs(officer, WEEK_8) == []
    assert due_refs(officer, dt.date(2026, 4, 27)) == ["TA-000001"]


def test_only_the_patch_officer_has_it_on_my_day(officer, other_officer, team_leader, placement):
    assert due_refs(other_officer, WEEK_8) == []
    assert due_refs(team_leader, WEEK_8) == []


def test_ended_placements_and_other_tenancies_are_not_due(officer, placement, person):
    placement.end_date = dt.date(2026, 2, 1)
    placement.save()
    assert due_refs(officer, WEEK_8) == []


def test_reviews_show_on_my_day_with_arrangements(officer, placement):
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=LONDON), tick=False):
        day = my_day(user=officer, now=dt.datetime(2026, 3, 3, 9, 0, tzinfo=LONDON))
    [item] = [i for i in day.items if i.kind == "ta_review"]
    assert item.title == "Temporary accommodation review: Aisha Begum"
    assert item.overdue
    assert item.url == "/ta-reviews/TA-000001/review/"


def test_the_list_filters_mine_all_due_and_overdue(officer, placement, other_placement, estate):
    later = make_placement(estate, start=PLACED + dt.timedelta(days=30), reference="TA-000003")
    rows = selectors.placement_rows(user=officer, today=WEEK_8)
    assert [r.tenancy.reference for r in rows] == ["TA-000001", later.reference]
    everyone = selectors.placement_rows(user=officer, today=WEEK_8, show=selectors.ALL)
    assert len(everyone) == 3
    due = selectors.placement_rows(user=officer, today=WEEK_8, status=selectors.DUE)
    assert [r.tenancy.reference for r in due] == ["TA-000001"]
    assert selectors.placement_rows(user=officer, today=WEEK_8, status=selectors.OVERDUE) == []
    tomorrow = WEEK_8 + dt.timedelta(days=1)
    overdue = selectors.placement_rows(user=officer, today=tomorrow, status=selectors.OVERDUE)
    assert [r.tenancy.reference for r in overdue] == ["TA-000001"]


def test_the_list_uses_a_fixed_number_of_queries(officer, estate):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            rows = selectors.placement_rows(user=officer, today=WEEK_8)
        return len(rows), len(queries)

    make_placement(estate)
    count()  # the officer's roles and patches are then cached on the user
    one = count()
    for n in range(1, 15):
        make_placement(estate, start=PLACED + dt.timedelta(days=n))
    many = count()
    assert (one[0], many[0]) == (1, 15)
    assert many[1] == one[1] == 3  # placements, tenants, their flags
