"""Calls due (My day) and the coverage report, on hand-built data."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorstep.core.working_days import LONDON
from doorstep.myday.selectors import my_day
from doorstep.welfare import selectors
from doorstep.welfare.tests.conftest import flag, housed
from doorstep.welfare.tests.factories import CallFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 16, 10, 0, tzinfo=LONDON)
TODAY = NOW.date()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def at(day, hour=11):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


def due_people(user):
    return [d.person.reference for d in selectors.calls_due(user=user, today=TODAY)]


def test_never_called_is_due_for_the_patch_officer(officer, programme, older_alone, other_officer):
    [due] = selectors.calls_due(user=officer, today=TODAY)
    assert due.person == older_alone
    assert due.due_on == programme.start_date
    assert due.overdue
    assert due_people(other_officer) == []


def test_a_call_within_the_frequency_is_not_due(officer, programme, older_alone):
    CallFactory(
        programme=programme, person=older_alone, called_at=at(TODAY - dt.timedelta(days=13))
    )
    assert due_people(officer) == []


def test_due_again_exactly_frequency_days_after_the_last_call(officer, programme, older_alone):
    CallFactory(
        programme=programme, person=older_alone, called_at=at(TODAY - dt.timedelta(days=14))
    )
    [due] = selectors.calls_due(user=officer, today=TODAY)
    assert due.due_on == TODAY
    assert not due.overdue


def test_a_no_answer_today_brings_the_call_back_tomorrow(officer, programme, older_alone):
    CallFactory(programme=programme, person=older_alone, called_at=at(TODAY), outcome="no_answer")
    assert due_people(officer) == []
    [due] = selectors.calls_due(user=officer, today=TODAY + dt.timedelta(days=1))
    assert due.last_outcome == "no_answer"


def test_calls_in_another_programme_do_not_count(officer, programme, older_alone, team):
    other = ProgrammeFactory(team=team, name="Winter warmth")
    CallFactory(programme=other, person=older_alone, called_at=at(TODAY))
    [due] = selectors.calls_due(user=officer, today=TODAY)
    assert (due.programme, due.person) == (programme, older_alone)


def test_an_assigned_officer_gets_the_whole_cohort(officer, other_officer, programme, older_alone):
    programme.officer = other_officer
    programme.save()
    assert due_people(other_officer) == [older_alone.reference]
    assert due_people(officer) == []


def test_stopped_and_not_yet_started_programmes_are_not_due(officer, programme, older_alone):
    programme.active = False
    programme.save()
    assert due_people(officer) == []
    programme.active = True
    programme.start_date = TODAY + dt.timedelta(days=1)
    programme.save()
    assert due_people(officer) == []


def test_calls_due_use_a_fixed_number_of_queries_whatever_the_cohort(officer, programme, home):
    def count():
        with CaptureQueriesContext(connection) as queries:
            items = selectors.calls_due(user=officer, today=TODAY)
        return len(items), len(queries)

    flag(housed(home, reference="P300000"), "older_person", "lives_alone")
    few, few_queries = count()
    for n in range(1, 25):
        person = flag(housed(home, reference=f"P3000{n:02d}"), "older_person", "lives_alone")
        CallFactory(programme=programme, person=person, called_at=at(TODAY - dt.timedelta(days=20)))
    many, many_queries = count()
    assert (few, many) == (1, 25)
    assert many_queries == few_queries


def test_welfare_calls_show_on_my_day(frozen, officer, programme, older_alone):
    day = my_day(user=officer, now=NOW)
    [item] = [i for i in day.items if i.kind == "welfare_call"]
    assert item.title == "Welfare call: Edna Thompson"
    assert item.url == f"/welfare/{programme.pk}/people/{older_alone.reference}/"
    assert item.overdue


# --- coverage --------------------------------------------------------------------------------


def test_coverage_on_hand_built_data(programme, home):
    """Period 3 to 16 March. Reached: spoke_ok and concern. Tried: no_answer and declined only.
    Not called: nothing in the period (a call before it does not count)."""
    start, end = dt.date(2026, 3, 3), TODAY
    people = {
        name: flag(
            housed(home, reference=f"P4000{i:02d}", last_name=name), "older_person", "lives_alone"
        )
        for i, name in enumerate(["Adams", "Baker", "Clark", "Davies", "Evans", "Fisher"])
    }
    calls = [
        ("Adams", start, "spoke_ok"),
        ("Baker", end, "no_answer"),
        ("Baker", end, "concern"),
        ("Clark", dt.date(2026, 3, 5), "no_answer"),
        ("Clark", dt.date(2026, 3, 6), "declined"),
        ("Davies", dt.date(2026, 3, 2), "spoke_ok"),  # the day before the period
        ("Evans", dt.date(2026, 3, 10), "no_answer"),
    ]
    for name, day, outcome in calls:
        CallFactory(programme=programme, person=people[name], called_at=at(day, 9), outcome=outcome)
    report = selectors.coverage(programme=programme, start=start, end=end, today=TODAY)
    assert (report.total, report.reached, report.attempted, report.not_called) == (6, 2, 2, 2)
    status = {p.last_name: p.status for p in report.people}
    assert status == {
        "Adams": "reached",
        "Baker": "reached",
        "Clark": "attempted",
        "Davies": "not_called",
        "Evans": "attempted",
        "Fisher": "not_called",
    }
    assert {p.last_name: p.calls_in_period for p in report.people}["Clark"] == 2
    not_called = selectors.coverage(
        programme=programme, start=start, end=end, today=TODAY, status="not_called"
    )
    assert [p.last_name for p in not_called.people] == ["Davies", "Fisher"]


def test_the_default_period_is_the_last_frequency_days(programme):
    assert selectors.default_period(programme=programme, today=TODAY) == (
        dt.date(2026, 3, 3),
        TODAY,
    )
