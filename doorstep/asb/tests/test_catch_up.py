"""The ASB officer catch-up: a patch's open ASB and neighbour-dispute cases with last activity,
next action and risk, and agreeing an action in place (issue 4 item 6)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.asb.selectors import catch_up_rows
from doorstep.cases.models import CaseAction, CaseType
from doorstep.cases.tests.factories import CaseActionFactory, CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asb_officer(team):
    return UserFactory(
        email="asb@doorstep.test", full_name="Marcus Grant", team=team, roles=[Role.ASB_OFFICER]
    )


def test_rows_are_open_asb_and_dispute_cases_on_the_patch_highest_risk_first(
    officer, patch, home, other_home
):
    standard = CaseFactory(home=home, lead_officer=officer, risk_level="standard")
    high = CaseFactory(
        home=home, lead_officer=officer, risk_level="high", case_type=CaseType.NEIGHBOUR_DISPUTE
    )
    CaseFactory(
        home=home,
        lead_officer=officer,
        status="closed",
        closed_on=timezone.localdate(),
        closure_reason="resolved",
    )
    CaseFactory(home=home, lead_officer=officer, case_type=CaseType.HOARDING)
    CaseFactory(home=other_home)
    assert [row.case for row in catch_up_rows(user=officer, patch=patch)] == [high, standard]


def test_next_action_is_the_earliest_undone(officer, patch, home):
    case = CaseFactory(home=home, lead_officer=officer)
    today = timezone.localdate()
    CaseActionFactory(case=case, owner=officer, due_on=today, done_at=timezone.now())
    later = CaseActionFactory(case=case, owner=officer, due_on=today + dt.timedelta(days=9))
    sooner = CaseActionFactory(case=case, owner=officer, due_on=today + dt.timedelta(days=2))
    (row,) = catch_up_rows(user=officer, patch=patch)
    assert row.next_action == sooner and row.open_actions == 2
    assert later.title not in row.next_action.title


def test_restricted_cases_the_user_cannot_see_are_left_out(asb_officer, officer, patch, home):
    CaseFactory(home=home, lead_officer=officer, restricted=True)
    assert catch_up_rows(user=asb_officer, patch=patch) == []
    assert len(catch_up_rows(user=officer, patch=patch)) == 1


def test_query_count_is_fixed(
    client, asb_officer, officer, patch, home, django_assert_max_num_queries
):
    for _ in range(25):
        case = CaseFactory(home=home, lead_officer=officer)
        CaseActionFactory(case=case, owner=officer, due_on=timezone.localdate())
    client.force_login(asb_officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("asb:catch_up"), {"patch": patch.pk})
    assert response.status_code == 200
    assert response.content.decode().count(">Agree an action<span") == 25


def test_agreeing_an_action_returns_to_the_catch_up(client, asb_officer, officer, patch, home):
    case = CaseFactory(home=home, lead_officer=officer)
    client.force_login(asb_officer)
    back = f"{reverse('asb:catch_up')}?patch={patch.pk}"
    url = reverse("cases:case_action_add", args=[case.reference])
    form = client.get(url, {"next": back}).content.decode()
    assert "next=" in form
    response = client.post(
        f"{url}?next={back}",
        {
            "title": "Send diary sheets to the reporter",
            "owner": officer.pk,
            "due_on": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 302 and response.url == back
    assert CaseAction.objects.get(case=case).title == "Send diary sheets to the reporter"


def test_officers_default_to_their_own_patch(client, officer, patch, other_patch):
    client.force_login(officer)
    page = client.get(reverse("asb:catch_up")).content.decode()
    assert "Beechdale" in page


def test_refused_to_roles_outside_the_catch_up(client, dpo, safeguarding_lead):
    for user in (dpo, safeguarding_lead):
        client.force_login(user)
        assert client.get(reverse("asb:catch_up")).status_code == 403


def test_needs_sign_in(client):
    assert client.get(reverse("asb:catch_up")).status_code == 302
