"""Who sees referrals and the safeguarding flag. The cast: `colleague` made `referral` about
`person`, who lives on `officer`'s patch in Walsall; `manager` manages Walsall."""

import pytest

from doorstep.people.tests.factories import PersonFactory
from doorstep.safeguarding.permissions import (
    can_edit_referral,
    can_list_referrals,
    can_make_referral,
    can_read_safeguarding,
    can_see_referral,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("colleague", True),  # made it
        ("safeguarding_lead", True),
        ("manager", True),  # manages the referral's office
        ("officer", False),  # the patch officer sees the flag, not the referral
        ("other_officer", False),
        ("other_manager", False),
        ("team_leader", False),
        ("dpo", False),
    ],
)
def test_who_sees_and_edits_a_referral(request, referral, role, sees):
    user = request.getfixturevalue(role)
    assert can_see_referral(user, referral) is sees
    assert can_edit_referral(user, referral) is sees


@pytest.mark.parametrize(
    ("role", "reads"),
    [
        ("colleague", True),
        ("safeguarding_lead", True),
        ("manager", True),
        ("officer", True),  # neighbourhood officer of the person's patch
        ("other_officer", False),
        ("other_manager", False),
        ("team_leader", False),
        ("dpo", False),
    ],
)
def test_who_reads_the_safeguarding_flag(request, referral, person, role, reads):
    assert can_read_safeguarding(request.getfixturevalue(role), person) is reads


def test_a_manager_of_the_persons_office_reads_the_flag_of_a_referral_made_elsewhere(
    manager, other_office, colleague, person, adult_care
):
    from doorstep.safeguarding.tests.factories import ReferralFactory

    ReferralFactory(person=person, made_by=colleague, agency=adult_care, office=other_office)
    assert can_read_safeguarding(manager, person)


def test_patch_officer_reads_no_flag_for_someone_not_on_their_patch(officer, colleague):
    stranger = PersonFactory()
    assert not can_read_safeguarding(officer, stranger)


@pytest.mark.parametrize(
    ("role", "makes", "lists"),
    [
        ("officer", True, False),
        ("other_officer", True, False),
        ("team_leader", True, False),
        ("manager", True, True),
        ("safeguarding_lead", True, True),
        ("dpo", False, False),
    ],
)
def test_who_makes_and_who_lists_referrals(request, role, makes, lists):
    user = request.getfixturevalue(role)
    assert can_make_referral(user) is makes
    assert can_list_referrals(user) is lists
