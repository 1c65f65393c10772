import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from doorstep.cases.models import Case, CaseAction, CaseEvent, CaseStatus
from doorstep.cases.tests.factories import CaseActionFactory, CaseFactory
from doorstep.contacts.models import CallBack, CallBackStatus
from doorstep.contacts.tests.factories import CallBackFactory
from doorstep.core.models import AuditEvent
from doorstep.places.models import Patch
from doorstep.places.tests.factories import PatchFactory, TeamFactory
from doorstep.teams import services
from doorstep.teams.models import CheckIn, Priority, ReassignedItem, Whereabouts

pytestmark = pytest.mark.django_db


# --- check-in --------------------------------------------------------------------------------


def test_staff_set_their_own_check_in(officer):
    today = timezone.localdate()
    check_in = services.check_in_set(
        actor=officer, member=officer, date=today, whereabouts="on_visits", where="Beechdale"
    )
    assert (check_in.whereabouts, check_in.where) == ("on_visits", "Beechdale")
    # Setting it again changes the same day's record.
    services.check_in_set(actor=officer, member=officer, date=today, whereabouts="in_office")
    check_in.refresh_from_db()
    assert (check_in.whereabouts, check_in.where) == ("in_office", "")
    assert CheckIn.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="teams.checkin").count() == 2


def test_a_team_leader_sets_a_team_members_absence_with_a_category_only(team_leader, officer):
    today = timezone.localdate()
    check_in = services.check_in_set(
        actor=team_leader, member=officer, date=today, whereabouts="absent", absence_reason="sick"
    )
    assert check_in.absence_reason == "sick"
    assert check_in.set_by == team_leader


def test_a_colleague_cannot_set_someone_elses_check_in(officer, colleague):
    with pytest.raises(PermissionDenied):
        services.check_in_set(
            actor=colleague, member=officer, date=timezone.localdate(), whereabouts="in_office"
        )


def test_another_teams_leader_and_the_dpo_cannot_set_it(officer, dpo, other_team):
    from doorstep.accounts.roles import Role
    from doorstep.accounts.tests.factories import UserFactory

    other_leader = UserFactory(team=other_team, roles=[Role.TEAM_LEADER])
    for actor in (other_leader, dpo):
        with pytest.raises(PermissionDenied):
            services.check_in_set(
                actor=actor, member=officer, date=timezone.localdate(), whereabouts="in_office"
            )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"whereabouts": "on_the_moon"}, "whereabouts"),
        ({"whereabouts": "on_visits", "where": ""}, "where"),
        ({"whereabouts": "on_visits", "where": "x" * 121}, "where"),
        ({"whereabouts": "absent", "absence_reason": ""}, "absence_reason"),
        ({"whereabouts": "absent", "absence_reason": "broken leg"}, "absence_reason"),
    ],
)
def test_check_in_bad_input_names_the_field(officer, kwargs, field):
    with pytest.raises(ValidationError) as caught:
        services.check_in_set(actor=officer, member=officer, date=timezone.localdate(), **kwargs)
    assert field in caught.value.message_dict


def test_a_past_day_cannot_be_changed(officer):
    with pytest.raises(ValidationError) as caught:
        services.check_in_set(
            actor=officer,
            member=officer,
            date=timezone.localdate() - dt.timedelta(days=1),
            whereabouts="in_office",
        )
    assert "date" in caught.value.message_dict


def test_an_absence_reason_is_dropped_when_not_absent(officer):
    check_in = services.check_in_set(
        actor=officer,
        member=officer,
        date=timezone.localdate(),
        whereabouts=Whereabouts.FROM_HOME,
        absence_reason="sick",
    )
    assert check_in.absence_reason == ""


# --- priorities ------------------------------------------------------------------------------


def test_the_team_leader_sets_the_days_priorities_replacing_the_old_list(team_leader, team):
    today = timezone.localdate()
    services.priorities_set(actor=team_leader, team=team, date=today, texts=["Old one"])
    services.priorities_set(
        actor=team_leader,
        team=team,
        date=today,
        texts=["Ring the shielding residents", "", "  Fly-tipping at Goscote  "],
    )
    assert list(Priority.objects.filter(team=team).values_list("position", "text")) == [
        (1, "Ring the shielding residents"),
        (2, "Fly-tipping at Goscote"),
    ]


def test_officers_cannot_set_priorities(officer, team):
    with pytest.raises(PermissionDenied):
        services.priorities_set(actor=officer, team=team, date=timezone.localdate(), texts=["x"])


def test_priorities_are_a_short_list_of_short_lines(team_leader, team):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        services.priorities_set(actor=team_leader, team=team, date=today, texts=["x"] * 7)
    assert "priorities" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.priorities_set(actor=team_leader, team=team, date=today, texts=["x" * 201])
    assert "Priority 1" in caught.value.message_dict["priorities"][0]


# --- moving a colleague's work ---------------------------------------------------------------


@pytest.fixture
def leavers_work(officer, patch, home, team):
    """The officer's open work: two cases on their patch (one with an action), one case
    elsewhere, call-backs, and their patch. Plus closed and done work that must not move."""
    second_patch = PatchFactory(name="Goscote", team=team, officer=officer)
    on_patch = CaseFactory(lead_officer=officer, home=home, patch=patch)
    on_second = CaseFactory(lead_officer=officer, home=None, patch=second_patch)
    no_patch = CaseFactory(lead_officer=officer, home=None, patch=None)
    closed = CaseFactory(
        lead_officer=officer,
        home=None,
        patch=None,
        status=CaseStatus.CLOSED,
        closed_on=timezone.localdate(),
    )
    action = CaseActionFactory(case=on_patch, owner=officer)
    done_action = CaseActionFactory(case=on_patch, owner=officer, done_at=timezone.now())
    callbacks = [CallBackFactory(for_officer=officer, home=home) for _ in range(2)]
    done_callback = CallBackFactory(for_officer=officer, status=CallBackStatus.DONE)
    return {
        "patches": [patch, second_patch],
        "cases": [on_patch, on_second, no_patch],
        "closed": closed,
        "action": action,
        "done_action": done_action,
        "callbacks": callbacks,
        "done_callback": done_callback,
    }


def open_work_of(user):
    return {
        "cases": Case.objects.filter(lead_officer=user).exclude(status="closed").count(),
        "actions": CaseAction.objects.filter(owner=user, done_at__isnull=True).count(),
        "callbacks": CallBack.objects.filter(for_officer=user, status="open").count(),
        "patches": Patch.objects.filter(officer=user).count(),
    }


def test_moving_a_colleague_leaves_nothing_with_them_and_loses_nothing(
    team_leader, officer, colleague, third, leavers_work
):
    before = open_work_of(officer)
    assert before == {"cases": 3, "actions": 1, "callbacks": 2, "patches": 2}
    move = services.reassignment_apply(
        actor=team_leader, from_user=officer, receivers=[colleague, third], rule="round_robin"
    )
    assert open_work_of(officer) == {"cases": 0, "actions": 0, "callbacks": 0, "patches": 0}
    mine, theirs = open_work_of(colleague), open_work_of(third)
    assert {key: mine[key] + theirs[key] for key in mine} == before
    assert move.items.count() == 8
    # Closed and done work stays with them: it is history, not work.
    leavers_work["closed"].refresh_from_db()
    assert leavers_work["closed"].lead_officer == officer
    assert CaseAction.objects.get(pk=leavers_work["done_action"].pk).owner == officer
    assert CallBack.objects.get(pk=leavers_work["done_callback"].pk).for_officer == officer
    # Every moved item is in the log with its kind, id, from and to.
    item = ReassignedItem.objects.get(
        reassignment=move, kind="callbacks", object_id=leavers_work["callbacks"][0].pk
    )
    assert (item.from_user, item.to_user) == (officer, colleague)
    # Audited: the move and each changed record.
    assert AuditEvent.objects.filter(object_type="teams.reassignment").count() == 1
    assert AuditEvent.objects.filter(object_type="cases.case", action="update").count() == 3
    # The case timeline says who leads it now.
    assert CaseEvent.objects.filter(text__startswith="Lead officer is now").count() == 3


def test_by_patch_work_follows_its_patch(team_leader, officer, colleague, third, leavers_work):
    beechdale, goscote = leavers_work["patches"]
    on_patch, on_second, _no_patch = leavers_work["cases"]
    services.reassignment_apply(
        actor=team_leader,
        from_user=officer,
        receivers=[colleague, third],
        rule="by_patch",
        patch_receivers={beechdale.pk: third.pk, goscote.pk: colleague.pk},
    )
    beechdale.refresh_from_db()
    goscote.refresh_from_db()
    assert beechdale.officer == third
    assert Case.objects.get(pk=on_patch.pk).lead_officer == third
    assert CaseAction.objects.get(pk=leavers_work["action"].pk).owner == third
    # The call-backs are about a home on Beechdale: they follow it too.
    assert set(
        CallBack.objects.filter(pk__in=[c.pk for c in leavers_work["callbacks"]]).values_list(
            "for_officer", flat=True
        )
    ) == {third.pk}
    assert goscote.officer == colleague
    assert Case.objects.get(pk=on_second.pk).lead_officer == colleague


def test_moving_them_to_another_team_as_well(team_leader, officer, colleague, office):
    new_team = TeamFactory(name="Walsall lettings team", office=office)
    move = services.reassignment_apply(
        actor=team_leader,
        from_user=officer,
        receivers=[colleague],
        rule="all_to_one",
        new_team=new_team,
    )
    officer.refresh_from_db()
    assert officer.team == new_team
    assert move.moved_team


def test_undo_moves_back_exactly_what_moved(team_leader, officer, colleague, leavers_work, office):
    before = open_work_of(officer)
    new_team = TeamFactory(name="Walsall lettings team", office=office)
    team_before = officer.team
    move = services.reassignment_apply(
        actor=team_leader,
        from_user=officer,
        receivers=[colleague],
        rule="all_to_one",
        new_team=new_team,
    )
    result = services.reassignment_undo(actor=team_leader, reassignment=move)
    assert result.restored == 8
    assert result.skipped == []
    assert result.team_restored
    officer.refresh_from_db()
    assert officer.team == team_before
    assert open_work_of(officer) == before
    assert open_work_of(colleague) == {"cases": 0, "actions": 0, "callbacks": 0, "patches": 0}
    move.refresh_from_db()
    assert move.undone_at is not None
    with pytest.raises(ValidationError, match="already been undone"):
        services.reassignment_undo(actor=team_leader, reassignment=move)


def test_undo_skips_and_reports_an_item_changed_since(
    team_leader, officer, colleague, third, leavers_work
):
    move = services.reassignment_apply(
        actor=team_leader, from_user=officer, receivers=[colleague], rule="all_to_one"
    )
    # Since the move, the colleague passed one call-back on, and closed the action.
    passed_on = leavers_work["callbacks"][0]
    CallBack.objects.filter(pk=passed_on.pk).update(for_officer=third)
    action = CaseAction.objects.get(pk=leavers_work["action"].pk)
    action.done_at = timezone.now()
    action.save()

    result = services.reassignment_undo(actor=team_leader, reassignment=move)
    assert result.restored == 6
    skipped = {(item.kind, item.object_id) for item in result.skipped}
    assert skipped == {("callbacks", passed_on.pk), ("case_actions", action.pk)}
    assert CallBack.objects.get(pk=passed_on.pk).for_officer == third
    assert CaseAction.objects.get(pk=action.pk).owner == colleague
    assert ReassignedItem.objects.get(kind="callbacks", object_id=passed_on.pk).undo_skipped
    assert open_work_of(officer)["cases"] == 3


def test_only_their_team_leader_or_manager_moves_their_work(
    officer, colleague, other_officer, leavers_work
):
    with pytest.raises(PermissionDenied):
        services.reassignment_apply(
            actor=colleague, from_user=officer, receivers=[colleague], rule="all_to_one"
        )
    with pytest.raises(PermissionDenied):
        services.reassignment_apply(
            actor=other_officer, from_user=officer, receivers=[colleague], rule="all_to_one"
        )


def test_a_manager_of_the_office_can_move_work(manager, officer, colleague, leavers_work):
    services.reassignment_apply(
        actor=manager, from_user=officer, receivers=[colleague], rule="all_to_one"
    )
    assert open_work_of(officer)["cases"] == 0


@pytest.mark.parametrize(
    ("receivers", "rule", "message"),
    [
        ("none", "all_to_one", "at least one"),
        ("self", "all_to_one", "cannot take their own"),
        ("outsider", "all_to_one", "teams you run"),
        ("two", "all_to_one", "exactly one"),
        ("one", "sideways", "how to share"),
    ],
)
def test_bad_moves_are_refused_with_the_field(
    team_leader, officer, colleague, third, other_officer, receivers, rule, message
):
    chosen = {
        "none": [],
        "self": [officer],
        "outsider": [other_officer],
        "two": [colleague, third],
        "one": [colleague],
    }[receivers]
    with pytest.raises(ValidationError) as caught:
        services.reassignment_apply(
            actor=team_leader, from_user=officer, receivers=chosen, rule=rule
        )
    assert message in str(caught.value)


def test_work_that_changed_since_the_preview_is_not_moved(
    team_leader, officer, colleague, leavers_work
):
    from doorstep.teams import selectors

    preview = selectors.move_preview(
        user=team_leader, from_user=officer, receivers=[colleague], rule="all_to_one"
    )
    CallBackFactory(for_officer=officer)  # a new call-back arrives
    with pytest.raises(ValidationError, match="changed since"):
        services.reassignment_apply(
            actor=team_leader,
            from_user=officer,
            receivers=[colleague],
            rule="all_to_one",
            expected=preview.plan.fingerprint(),
        )
    assert open_work_of(officer)["callbacks"] == 3
