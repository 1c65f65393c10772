import datetime as dt

import pytest
from django.utils import timezone

from doorstep.community import selectors
from doorstep.community.calendar import month_start, shift_month
from doorstep.community.myday import event_tasks_due
from doorstep.community.tests.factories import EventFactory, EventTaskFactory, SignUpFactory
from doorstep.core.working_days import LONDON
from doorstep.people.tests.factories import FlagFactory

pytestmark = pytest.mark.django_db


def test_sign_ups_highlight_and_filter_older_residents_only_by_that_flag(person, other_person):
    event = EventFactory()
    FlagFactory(person=person, code="older_person")
    FlagFactory(person=other_person, code="mental_health")  # never read here
    SignUpFactory(event=event, person=person)
    SignUpFactory(event=event, person=other_person)
    rows = {s.person: s.older_person for s in selectors.sign_ups_for(event=event)}
    assert rows == {person: True, other_person: False}
    assert [s.person for s in selectors.sign_ups_for(event=event, older_only=True)] == [person]


def test_an_ended_older_person_flag_does_not_count(person):
    event = EventFactory()
    FlagFactory(person=person, code="older_person", end_date=timezone.localdate())
    SignUpFactory(event=event, person=person)
    assert selectors.sign_ups_for(event=event).get().older_person is False


def test_the_month_grid_is_whole_weeks_with_each_days_events(django_assert_num_queries):
    first = dt.date(2026, 6, 1)  # a Monday
    EventFactory(title="Street party", starts_at=dt.datetime(2026, 6, 13, 13, 0, tzinfo=LONDON))
    # Late in the evening in London is the next day in UTC in summer; it stays on the 30th.
    EventFactory(title="Quiz", starts_at=dt.datetime(2026, 6, 30, 23, 30, tzinfo=LONDON))
    EventFactory(title="July fair", starts_at=dt.datetime(2026, 7, 20, 10, 0, tzinfo=LONDON))
    with django_assert_num_queries(1):
        weeks = selectors.month_calendar(first=first, today=dt.date(2026, 6, 10))
    assert len(weeks) == 5
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0].date == dt.date(2026, 6, 1)
    assert weeks[-1][-1].date == dt.date(2026, 7, 5)
    days = {day.date: day for week in weeks for day in week}
    assert [e.title for e in days[dt.date(2026, 6, 13)].events] == ["Street party"]
    assert [e.title for e in days[dt.date(2026, 6, 30)].events] == ["Quiz"]
    assert days[dt.date(2026, 6, 10)].is_today
    assert not days[dt.date(2026, 7, 1)].in_month
    assert all(not day.events for day in days.values() if day.date.month == 7)


def test_month_parsing_and_moving():
    today = dt.date(2026, 6, 10)
    assert month_start("2026-12", today) == dt.date(2026, 12, 1)
    assert month_start("nonsense", today) == dt.date(2026, 6, 1)
    assert month_start("2026-13", today) == dt.date(2026, 6, 1)
    assert shift_month(dt.date(2026, 12, 1), 1) == dt.date(2027, 1, 1)
    assert shift_month(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)


def test_staff_event_tasks_land_on_my_day(officer, django_assert_num_queries):
    today = timezone.localdate()
    EventTaskFactory(owner=officer, due_on=today - dt.timedelta(days=1), title="Order compost")
    EventTaskFactory(owner=officer, due_on=today + dt.timedelta(days=30))
    EventTaskFactory(owner=officer, due_on=today, done_at=timezone.now())
    with django_assert_num_queries(1):
        items = event_tasks_due(user=officer, today=today, now=timezone.now())
    assert [item.title for item in items] == ["Order compost (Community garden afternoon)"]
    assert items[0].overdue


def test_my_day_includes_event_tasks(client, officer):
    EventTaskFactory(owner=officer, due_on=timezone.localdate(), title="Book the gazebo")
    client.force_login(officer)
    assert "Book the gazebo" in client.get("/").content.decode()
