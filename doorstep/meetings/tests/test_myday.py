import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from doorstep.core.working_days import LONDON
from doorstep.meetings.tests.factories import MeetingActionFactory, MeetingFactory
from doorstep.myday.selectors import my_day

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 5, 13, 12, 0, tzinfo=LONDON)  # a Wednesday
TODAY = NOON.date()


def _items(user, kind):
    return [i for i in my_day(user=user, now=NOON).items if i.kind == kind]


def test_staff_actions_are_on_the_owners_my_day(officer, team_leader, case_meeting):
    MeetingActionFactory(
        meeting=case_meeting, owner=team_leader, title="Book a deep clean", due_on=TODAY
    )
    MeetingActionFactory(
        meeting=case_meeting, owner=team_leader, title="Later", due_on=TODAY + dt.timedelta(days=10)
    )
    MeetingActionFactory(
        meeting=case_meeting, owner=team_leader, title="Done", due_on=TODAY, done_at=timezone.now()
    )
    items = _items(team_leader, "meeting_action")
    assert [i.title for i in items] == ["Book a deep clean"]
    assert items[0].action_url.startswith(f"/meetings/{case_meeting.pk}/actions/")
    assert _items(officer, "meeting_action") == []


def test_overdue_agency_actions_are_on_the_chairs_my_day(officer, case_meeting, fire_officer):
    MeetingActionFactory(
        meeting=case_meeting,
        agency_contact=fire_officer,
        title="Fire safety visit",
        due_on=TODAY - dt.timedelta(days=2),
    )
    MeetingActionFactory(
        meeting=case_meeting, agency_contact=fire_officer, title="Not yet due", due_on=TODAY
    )
    items = _items(officer, "meeting_agency_action")
    assert [i.title for i in items] == [
        "Chase Watch Manager Dean Hart (West Midlands Fire Service): Fire safety visit"
    ]
    assert items[0].overdue


def test_a_carried_forward_action_is_not_on_my_day_twice(officer, case_meeting, team_leader):
    follow_up = MeetingFactory(chair=officer, previous=case_meeting)
    MeetingActionFactory(
        meeting=case_meeting, owner=team_leader, due_on=TODAY, carried_to=follow_up
    )
    MeetingActionFactory(meeting=follow_up, owner=team_leader, due_on=TODAY)
    assert len(_items(team_leader, "meeting_action")) == 1


def test_my_day_queries_do_not_grow_with_actions(team_leader, case_meeting, fire_officer):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            my_day(user=team_leader, now=NOON)
        return len(queries)

    MeetingActionFactory(meeting=case_meeting, owner=team_leader, due_on=TODAY)
    count()
    one = count()
    for _ in range(10):
        MeetingActionFactory(meeting=case_meeting, owner=team_leader, due_on=TODAY)
    assert count() == one
