import pytest

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.core import permissions

pytestmark = pytest.mark.django_db


def test_officer_edits_own_patch_only(officer, home, other_home):
    assert permissions.can_edit_home(officer, home)
    assert not permissions.can_edit_home(officer, other_home)


def test_team_leader_edits_the_team_patches(team_leader, home, other_home):
    assert permissions.can_edit_home(team_leader, home)
    assert not permissions.can_edit_home(team_leader, other_home)


def test_manager_edits_across_their_offices_only(manager, home, other_home):
    assert permissions.can_edit_home(manager, home)
    assert not permissions.can_edit_home(manager, other_home)


def test_data_protection_officer_never_edits_or_takes_calls(dpo, home):
    assert not permissions.can_edit_home(dpo, home)
    assert not permissions.can_take_calls(dpo)


def test_any_officer_takes_duty_desk_calls(officer, other_officer, safeguarding_lead):
    assert permissions.can_take_calls(officer)
    assert permissions.can_take_calls(other_officer)
    assert permissions.can_take_calls(safeguarding_lead)


def test_staff_with_no_role_cannot_take_calls(db):
    assert not permissions.can_take_calls(UserFactory())


def test_special_category_readers(officer, dpo, db):
    estates = UserFactory(roles=[Role.ESTATES_OFFICER])
    assert permissions.can_read_special_category(officer)
    assert not permissions.can_read_special_category(dpo)
    assert not permissions.can_read_special_category(estates)


def test_person_edit_follows_their_current_home(officer, other_officer, person):
    assert permissions.can_edit_person(
        officer, person, patch_ids={person.tenancies.first().home.patch_id}
    )
    assert not permissions.can_edit_person(
        other_officer, person, patch_ids={person.tenancies.first().home.patch_id}
    )


def test_manage_team(team_leader, manager, officer, team, other_team):
    assert permissions.can_manage_team(team_leader, team)
    assert permissions.can_manage_team(manager, team)
    assert not permissions.can_manage_team(officer, team)
    assert not permissions.can_manage_team(team_leader, other_team)


@pytest.mark.parametrize(
    "who", ["officer", "other_officer", "team_leader", "manager", "safeguarding_lead", "dpo"]
)
def test_load_permissions_reads_what_the_checks_read_in_one_query(
    request, who, patch, other_patch, django_assert_num_queries
):
    from doorstep.accounts.models import User
    from doorstep.cases.permissions import managed_office_ids
    from doorstep.places.models import Patch, Team

    user = request.getfixturevalue(who)
    # A patch the user would reach only by a role they do not have is not theirs to edit.
    Patch.objects.create(name="Led elsewhere", team=Team.objects.exclude(pk=user.team_id).first())
    one_by_one = User.objects.get(pk=user.pk)
    expected = (
        one_by_one.roles,
        one_by_one.team,
        permissions.editable_patch_ids(one_by_one),
        managed_office_ids(one_by_one),
    )
    loaded = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        permissions.load_permissions(loaded)
        found = (
            loaded.roles,
            loaded.team,
            permissions.editable_patch_ids(loaded),
            managed_office_ids(loaded),
        )
    assert found == expected
    assert found[0] or who == "dpo"
