import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from doorstep.contacts import selectors
from doorstep.contacts.models import CallBackStatus
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory, DutyShiftFactory
from doorstep.core.working_days import LONDON
from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.places.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=LONDON)  # a Wednesday


def _pks(rows):
    return {row.pk for row in rows}


@pytest.fixture
def board(officer, colleague, other_officer, team, other_team):
    """Call-backs across two teams, some overdue, one done."""
    past, future = NOW - dt.timedelta(hours=3), NOW + dt.timedelta(hours=3)
    return {
        "mine_late": CallBackFactory(for_officer=officer, due_at=past),
        "mine_later": CallBackFactory(for_officer=officer, due_at=future),
        "mine_done": CallBackFactory(for_officer=officer, due_at=past, status=CallBackStatus.DONE),
        "colleague": CallBackFactory(for_officer=colleague, due_at=past),
        "team": CallBackFactory(for_officer=None, for_team=team, due_at=future),
        "other": CallBackFactory(for_officer=other_officer, due_at=past),
        "other_team": CallBackFactory(for_officer=None, for_team=other_team, due_at=past),
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"show": "mine"}, {"mine_late", "mine_later"}),
        ({"show": "mine", "status": ""}, {"mine_late", "mine_later", "mine_done"}),
        ({"show": "mine", "status": "done"}, {"mine_done"}),
        ({"show": "team"}, {"mine_late", "mine_later", "colleague", "team"}),
        ({"show": "overdue"}, {"mine_late", "colleague"}),
        ({"show": "all"}, {"mine_late", "mine_later", "colleague", "team"}),
    ],
)
def test_officer_sees_their_own_and_their_team_call_backs(officer, board, filters, expected):
    rows = selectors.callbacks_for(user=officer, filters=filters, now=NOW)
    assert _pks(rows) == {board[name].pk for name in expected}


def test_list_is_earliest_due_first_with_attempt_counts(officer, board):
    rows = list(selectors.callbacks_for(user=officer, filters={"show": "mine"}, now=NOW))
    assert rows == [board["mine_late"], board["mine_later"]]
    assert rows[0].attempt_count == 0


def test_manager_sees_every_team_in_their_office_but_not_others(manager, board):
    rows = selectors.callbacks_for(user=manager, filters={"show": "overdue"}, now=NOW)
    assert _pks(rows) == {board["mine_late"].pk, board["colleague"].pk}


def test_dpo_has_no_call_back_queue(dpo, board):
    assert not selectors.callbacks_for(user=dpo, filters={"show": "all"}, now=NOW).exists()


def test_call_back_list_query_count_does_not_grow_with_rows(officer, django_assert_max_num_queries):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            for callback in selectors.callbacks_for(user=officer, filters={"show": "team"}):
                _ = (callback.person.full_name, callback.person.current_flags, callback.for_officer)
        return len(ctx.captured_queries)

    person = PersonFactory()
    FlagFactory(person=person, code="shielding")
    CallBackFactory(for_officer=officer, person=person)
    one = count_queries()
    for _ in range(40):
        someone = PersonFactory()
        FlagFactory(person=someone, code="risk_to_staff")
        CallBackFactory(for_officer=officer, person=someone)
    with django_assert_max_num_queries(one):
        count_queries()
    assert one <= 3


def test_duty_today_names_each_team_officer_or_no_one(officer, team, other_team):
    today = timezone.localdate()
    DutyShiftFactory(team=team, officer=officer, date=today)
    DutyShiftFactory(team=team, officer=officer, date=today + dt.timedelta(days=1))
    empty = TeamFactory(name="Estates team", office=team.office)
    duty = {row.team.pk: row.officer for row in selectors.duty_today(today=today)}
    assert duty == {team.pk: officer, other_team.pk: None, empty.pk: None}


def test_duty_rota_lists_fourteen_days_marking_bank_holidays(team, officer):
    DutyShiftFactory(team=team, officer=officer, date=dt.date(2026, 12, 29))
    rota = selectors.duty_rota(team=team, start=dt.date(2026, 12, 21))
    assert len(rota) == 14
    by_day = {day.date: day for day in rota}
    assert by_day[dt.date(2026, 12, 29)].officer == officer
    assert by_day[dt.date(2026, 12, 25)].working_day is False
    assert by_day[dt.date(2026, 12, 24)].working_day is True
    assert by_day[dt.date(2026, 12, 24)].officer is None


def test_team_board_shows_overdue_counts_and_duty(team_leader, officer, colleague, team, board):
    with time_machine.travel(NOW, tick=False):
        DutyShiftFactory(team=team, officer=colleague, date=NOW.date())
        result = selectors.team_board(user=team_leader, team=team, now=NOW)
    assert _pks(result.overdue) == {board["mine_late"].pk, board["colleague"].pk}
    loads = {load.officer.pk: (load.open_count, load.overdue_count) for load in result.officers}
    assert loads[officer.pk] == (2, 1)
    assert loads[colleague.pk] == (1, 1)
    assert (result.team_open, result.team_overdue) == (1, 0)
    assert result.duty_officer == colleague


def test_team_board_is_refused_to_officers_and_other_team_leaders(officer, other_team_leader, team):
    for user in (officer, other_team_leader):
        with pytest.raises(PermissionDenied):
            selectors.team_board(user=user, team=team, now=NOW)


def test_contacts_to_follow_up_are_the_users_due_and_not_done(officer, colleague):
    today = dt.date(2026, 11, 25)
    due = ContactFactory(logged_by=officer, follow_up_on=today)
    late = ContactFactory(logged_by=officer, follow_up_on=today - dt.timedelta(days=3))
    ContactFactory(logged_by=officer, follow_up_on=today + dt.timedelta(days=1))
    ContactFactory(logged_by=officer, follow_up_on=today, follow_up_done_at=timezone.now())
    ContactFactory(logged_by=colleague, follow_up_on=today)
    ContactFactory(logged_by=officer)
    rows = list(selectors.contacts_to_follow_up(user=officer, today=today))
    assert rows == [late, due]


def test_manageable_teams_follow_the_core_rule(team_leader, manager, officer, team, other_team):
    assert list(selectors.manageable_teams(user=team_leader)) == [team]
    extra = TeamFactory(name="Estates team", office=team.office)
    assert set(selectors.manageable_teams(user=manager)) == {team, extra}
    assert not selectors.manageable_teams(user=officer).exists()
