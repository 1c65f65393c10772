import datetime as dt

import pytest
from django.utils import timezone

from doorstep.people.tests.factories import PersonFactory
from doorstep.safeguarding import selectors
from doorstep.safeguarding.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referrals(colleague, other_officer, adult_care, office, other_office):
    """One of each state, in Walsall (made by colleague) and one in Nottingham."""
    now = timezone.now()
    return {
        "overdue": ReferralFactory(
            made_by=colleague,
            agency=adult_care,
            office=office,
            concern_recorded_at=now - dt.timedelta(days=2),
        ),
        "due": ReferralFactory(made_by=colleague, agency=adult_care, office=office),
        "awaiting": ReferralFactory(
            made_by=colleague, agency=adult_care, office=office, sent_at=now
        ),
        "done": ReferralFactory(
            made_by=colleague,
            agency=adult_care,
            office=office,
            sent_at=now,
            outcome="No further action",
            outcome_on=now.date(),
        ),
        "elsewhere": ReferralFactory(made_by=other_officer, agency=adult_care, office=other_office),
    }


def _refs(queryset):
    return {r.reference for r in queryset}


def test_safeguarding_leads_see_every_referral(safeguarding_lead, referrals):
    listed = selectors.referral_list(user=safeguarding_lead, now=timezone.now())
    assert _refs(listed) == {r.reference for r in referrals.values()}


def test_managers_see_their_offices_referrals_and_makers_their_own(
    manager, other_officer, referrals
):
    now = timezone.now()
    assert _refs(selectors.referral_list(user=manager, now=now)) == {
        referrals[k].reference for k in ("overdue", "due", "awaiting", "done")
    }
    assert _refs(selectors.referral_list(user=other_officer, now=now)) == {
        referrals["elsewhere"].reference
    }


@pytest.mark.parametrize(
    ("show", "expected"),
    [
        ("overdue", {"overdue"}),
        ("not_sent", {"overdue", "due", "elsewhere"}),
        ("awaiting_outcome", {"awaiting"}),
        ("", {"overdue", "due", "awaiting", "done", "elsewhere"}),
    ],
)
def test_filters(safeguarding_lead, referrals, show, expected):
    listed = selectors.referral_list(user=safeguarding_lead, show=show, now=timezone.now())
    assert _refs(listed) == {referrals[k].reference for k in expected}


def test_unsent_come_first_oldest_clock_first(safeguarding_lead, referrals):
    listed = list(selectors.referral_list(user=safeguarding_lead, now=timezone.now()))
    assert listed[0] == referrals["overdue"]
    assert all(r.sent_at is None for r in listed[:3])
    assert all(r.sent_at is not None for r in listed[3:])


def test_person_flag_shows_referrals_only_to_those_who_may_open_them(
    officer, colleague, other_officer, referral, person
):
    # The patch officer sees the flag, but not the referral itself.
    flag = selectors.person_flag(user=officer, person=person)
    assert flag is not None
    assert flag.count == 1
    assert flag.referrals == []
    assert selectors.person_flag(user=colleague, person=person).referrals == [referral]
    assert selectors.person_flag(user=other_officer, person=person) is None


def test_no_flag_without_a_referral(safeguarding_lead):
    assert selectors.person_flag(user=safeguarding_lead, person=PersonFactory()) is None


def test_referrals_to_send_are_the_makers_unsent_ones(colleague, officer, referrals):
    assert _refs(selectors.referrals_to_send(user=colleague)) == {
        referrals["overdue"].reference,
        referrals["due"].reference,
    }
    assert not selectors.referrals_to_send(user=officer).exists()


def test_case_panel_lists_the_cases_referrals_the_user_may_see(colleague, officer, referral):
    from doorstep.cases.models import Case

    case = Case.objects.create(
        reference="SG-2026-000001",
        case_type="safeguarding",
        summary="Safeguarding",
        opened_on=timezone.localdate(),
        restricted=True,
    )
    referral.case = case
    referral.save()
    assert selectors.case_panel_context(user=colleague, case=case)["referrals"] == [referral]
    assert selectors.case_panel_context(user=officer, case=case)["referrals"] == []
