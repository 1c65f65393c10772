import datetime as dt

import pytest
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.cases.models import CaseType
from doorstep.cases.tests.factories import CaseActionFactory, CaseFactory
from doorstep.contacts.tests.factories import CallBackFactory, DutyShiftFactory
from doorstep.teams import selectors, services
from doorstep.teams.models import CheckIn

pytestmark = pytest.mark.django_db


def _staff(team, count):
    return [UserFactory(team=team, roles=[Role.NEIGHBOURHOOD_OFFICER]) for _ in range(count)]


def test_the_board_shows_each_member_where_they_are(team_leader, officer, colleague, team):
    today = timezone.localdate()
    services.check_in_set(
        actor=officer, member=officer, date=today, whereabouts="on_visits", where="Beechdale"
    )
    services.check_in_set(
        actor=team_leader,
        member=colleague,
        date=today,
        whereabouts="absent",
        absence_reason="sick",
    )
    services.priorities_set(actor=team_leader, team=team, date=today, texts=["Goscote bins"])
    DutyShiftFactory(team=team, date=today, officer=officer)

    board = selectors.check_in_board(user=team_leader, office=team.office, date=today)
    rows = {row.member.full_name: row for row in board.teams[0].rows}
    assert rows["Jan Kennedy"].status_label == "Out on visits"
    assert rows["Jan Kennedy"].where == "Beechdale"
    assert rows["Jan Kennedy"].on_duty
    assert rows["Lee Brown"].status == "absent"
    assert rows["Lee Brown"].reason == "Sick"  # the team leader sees the category
    assert rows["Maria Lewis"].status == "not_recorded"
    assert [p.text for p in board.teams[0].priorities] == ["Goscote bins"]
    assert board.teams[0].duty_officer == officer
    assert board.counts == {"on_visits": 1, "absent": 1, "not_recorded": 1}


def test_colleagues_see_absent_but_not_why(officer, colleague, team_leader, team):
    today = timezone.localdate()
    services.check_in_set(
        actor=team_leader,
        member=colleague,
        date=today,
        whereabouts="absent",
        absence_reason="sick",
    )
    board = selectors.check_in_board(user=officer, office=team.office, date=today)
    row = next(r for r in board.teams[0].rows if r.member == colleague)
    assert row.status == "absent"
    assert row.reason == ""
    assert not row.can_set
    own = selectors.check_in_board(user=colleague, office=team.office, date=today)
    assert next(r for r in own.teams[0].rows if r.member == colleague).reason == "Sick"


def test_the_board_is_a_fixed_number_of_queries_whatever_the_staff_count(
    django_assert_num_queries, team_leader, team, office
):
    from doorstep.places.tests.factories import TeamFactory

    today = timezone.localdate()
    estates = TeamFactory(name="Walsall estates team", office=office)

    def fill(count):
        for member in _staff(team, count) + _staff(estates, count):
            CheckIn.objects.create(user=member, date=today, whereabouts="in_office", set_by=member)

    fill(2)
    user = type(team_leader).objects.get(pk=team_leader.pk)
    with django_assert_num_queries(7) as small:
        selectors.check_in_board(user=user, office=office, date=today)
    fill(15)
    user = type(team_leader).objects.get(pk=team_leader.pk)
    with django_assert_num_queries(len(small.captured_queries)):
        board = selectors.check_in_board(user=user, office=office, date=today)
    assert sum(len(t.rows) for t in board.teams) == 35


def test_caseload_counts_each_officers_open_work(team_leader, officer, colleague, team):
    today = timezone.localdate()
    CaseFactory(lead_officer=officer, case_type=CaseType.ASB)
    CaseFactory(lead_officer=officer, case_type=CaseType.ASB)
    CaseFactory(lead_officer=officer, case_type=CaseType.HOARDING)
    CaseFactory(lead_officer=officer, status="closed", closed_on=today)
    case = CaseFactory(lead_officer=colleague)
    CaseActionFactory(case=case, owner=officer, due_on=today - dt.timedelta(days=2))
    CaseActionFactory(case=case, owner=officer, due_on=today + dt.timedelta(days=2))
    CallBackFactory(for_officer=officer, due_at=timezone.now() - dt.timedelta(hours=1))
    CallBackFactory(for_officer=colleague, due_at=timezone.now() + dt.timedelta(hours=5))

    loads = {
        load.officer: load
        for load in selectors.caseload(user=team_leader, team=team, today=today, now=timezone.now())
    }
    mine = loads[officer]
    assert mine.cases_by_type == {"asb": 2, "hoarding": 1}
    assert mine.open_cases == 3
    assert (mine.open_actions, mine.overdue_actions) == (2, 1)
    assert (mine.open_callbacks, mine.overdue_callbacks) == (1, 1)
    assert loads[colleague].open_cases == 1
    assert loads[colleague].open_callbacks == 1


def test_caseload_queries_do_not_grow_with_the_team(django_assert_num_queries, manager, team):
    def load(count):
        for member in _staff(team, count):
            CaseFactory(lead_officer=member)
            CaseActionFactory(owner=member)
            CallBackFactory(for_officer=member)
        user = type(manager).objects.get(pk=manager.pk)
        # Officers, cases, actions and call-backs: four queries, plus the role and office
        # checks of the permission.
        with django_assert_num_queries(6):
            return selectors.caseload(
                user=user, team=team, today=timezone.localdate(), now=timezone.now()
            )

    assert len(load(1)) == 2
    assert len(load(8)) == 10


def test_caseload_is_refused_to_officers(officer, team):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        selectors.caseload(user=officer, team=team, today=timezone.localdate(), now=timezone.now())
