import pytest

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.cases.models import Case, CaseType
from doorstep.cases.permissions import (
    annotate_visibility,
    can_edit_case,
    can_lift_restriction,
    can_restrict,
    can_see_case,
    restricted_label,
    visible_case_q,
)
from doorstep.cases.tests.conftest import CAST, SEES_RESTRICTED
from doorstep.cases.tests.factories import CaseActionFactory, CaseFactory
from doorstep.places.tests.factories import OfficeFactory, TeamFactory

EDITS_OPEN_CASE = {
    "officer": True,  # lead officer, and it is on their patch
    "other_officer": False,  # another office: reads only
    "team_leader": True,
    "manager": True,
    "safeguarding_lead": False,  # not restricted: not theirs to edit
    "dpo": False,
}
EDITS_RESTRICTED_CASE = {**SEES_RESTRICTED, "dpo": False}


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_everyone_reads_an_unrestricted_case(cast, case, who):
    assert can_see_case(cast[who], case)


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_a_restricted_case_is_read_by_its_team_safeguarding_and_managers(
    cast, restricted_case, who
):
    assert can_see_case(cast[who], restricted_case) is SEES_RESTRICTED[who]


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_the_query_filter_agrees_with_the_predicate(cast, case, restricted_case, other_case, who):
    user = cast[who]
    visible = set(Case.objects.filter(visible_case_q(user)).values_list("pk", flat=True))
    expected = {c.pk for c in (case, restricted_case, other_case) if can_see_case(user, c)}
    assert visible == expected
    annotated = {c.pk: c.can_see for c in annotate_visibility(Case.objects.all(), user)}
    assert {pk for pk, seen in annotated.items() if seen} == expected


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_who_edits_an_open_case(cast, case, who):
    assert can_edit_case(cast[who], case) is EDITS_OPEN_CASE[who]


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_who_edits_a_restricted_case(cast, restricted_case, who):
    assert can_edit_case(cast[who], restricted_case) is EDITS_RESTRICTED_CASE[who]


@pytest.mark.django_db
def test_an_action_owner_joins_the_case_team(other_officer, restricted_case):
    assert not can_see_case(other_officer, restricted_case)
    CaseActionFactory(case=restricted_case, owner=other_officer)
    fresh = Case.objects.get(pk=restricted_case.pk)
    assert can_see_case(other_officer, fresh)
    assert Case.objects.filter(visible_case_q(other_officer), pk=fresh.pk).exists()


@pytest.mark.django_db
def test_a_manager_of_another_office_does_not_see_a_restricted_case(restricted_case):
    elsewhere = OfficeFactory(name="Derby")
    boss = UserFactory(team=TeamFactory(office=elsewhere), roles=[Role.HOUSING_SERVICES_MANAGER])
    elsewhere.managers.add(boss)
    assert not can_see_case(boss, restricted_case)


@pytest.mark.django_db
def test_a_team_leader_of_another_team_does_not_see_a_restricted_case(other_team, restricted_case):
    leader = UserFactory(team=other_team, roles=[Role.TEAM_LEADER])
    assert not can_see_case(leader, restricted_case)
    assert not can_restrict(leader, restricted_case)


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST)
def test_only_team_leaders_and_managers_restrict(cast, case, who):
    assert can_restrict(cast[who], case) is (who in ("team_leader", "manager"))


@pytest.mark.django_db
def test_safeguarding_restriction_is_never_lifted(manager, restricted_case, case):
    assert can_restrict(manager, restricted_case)
    assert not can_lift_restriction(manager, restricted_case)
    assert can_lift_restriction(manager, case)


@pytest.mark.django_db
def test_the_restricted_row_names_whom_to_ask(restricted_case, team_leader):
    assert restricted_label(restricted_case) == "Restricted case — ask Jan Kennedy"
    no_lead = CaseFactory(
        case_type=CaseType.DOMESTIC_ABUSE, lead_officer=None, team=restricted_case.team
    )
    assert restricted_label(no_lead) == "Restricted case — ask Maria Lewis"
