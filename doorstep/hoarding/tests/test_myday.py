"""The actions a rating sets reach the lead officer's My day."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from doorstep.cases.models import CaseAction
from doorstep.cases.myday import case_actions_due
from doorstep.hoarding import services
from doorstep.hoarding.tests.conftest import FRI_18_DEC_2026
from doorstep.myday.selectors import my_day

pytestmark = pytest.mark.django_db

FIRE = "Refer to fire and rescue for a home fire safety visit"
SAFEGUARDING = "Consider a safeguarding referral"
SUPPORT_PLAN = "Agree a support plan with the resident"


def at(day, hour=11):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def titles(user, day):
    return [item.title for item in my_day(user=user, now=at(day)).items]


def rate(case, actor, score, rated_on=FRI_18_DEC_2026):
    with time_machine.travel(at(rated_on), tick=False):
        return services.clutter_rating_add(
            actor=actor, case=case, rated_on=rated_on, living_room=score, kitchen=1, bedroom=1
        )


def test_a_rating_of_8_puts_both_actions_on_the_lead_officers_my_day_at_once(
    hoarding_case, officer, team_leader
):
    rate(hoarding_case, team_leader, 8)
    ref = hoarding_case.reference
    expected = sorted([f"{FIRE} ({ref})", f"{SAFEGUARDING} ({ref})"])
    # Friday: coming up (due Monday); Monday: due today, shown once each by the cases provider.
    assert sorted(titles(officer, FRI_18_DEC_2026)) == expected
    assert sorted(titles(officer, dt.date(2026, 12, 21))) == expected
    # Tuesday, not done: overdue.
    day = my_day(user=officer, now=at(dt.date(2026, 12, 22)))
    assert sorted(i.title for i in day.items) == expected and day.overdue == 2
    # Not on anyone else's day.
    assert titles(team_leader, FRI_18_DEC_2026) == []


def test_the_friday_items_are_coming_up_with_a_mark_as_done_button(hoarding_case, officer):
    rate(hoarding_case, officer, 9)
    day = my_day(user=officer, now=at(FRI_18_DEC_2026))
    assert day.coming_up == 2 and day.overdue == 0
    action = CaseAction.objects.get(case=hoarding_case, title=FIRE)
    item = next(i for i in day.items if i.title.startswith(FIRE))
    assert item.action_url.startswith(
        reverse("cases:action_done", args=[hoarding_case.reference, action.pk])
    )


def test_done_actions_leave_my_day(hoarding_case, officer):
    rate(hoarding_case, officer, 8)
    CaseAction.objects.filter(case=hoarding_case).update(done_at=at(FRI_18_DEC_2026, 12))
    assert titles(officer, FRI_18_DEC_2026) == []
    assert titles(officer, dt.date(2026, 12, 21)) == []


def test_the_support_plan_is_on_my_day_when_due(hoarding_case, officer):
    rate(hoarding_case, officer, 5)
    title = f"{SUPPORT_PLAN} ({hoarding_case.reference})"
    # Due Wed 6 Jan 2027: on My day from the working day before (coming up), not earlier.
    assert title not in titles(officer, dt.date(2027, 1, 4))
    assert title in titles(officer, dt.date(2027, 1, 5))
    assert title in titles(officer, dt.date(2027, 1, 6))


def test_the_my_day_page_lists_them(client, hoarding_case, officer):
    rate(hoarding_case, officer, 7)
    with time_machine.travel(at(FRI_18_DEC_2026), tick=False):
        client.force_login(officer)
        response = client.get(reverse("myday:my_day"))
    assert response.status_code == 200
    html = response.content.decode()
    assert FIRE in html and SAFEGUARDING in html


def test_the_case_actions_provider_uses_one_query(
    hoarding_case, officer, django_assert_num_queries
):
    for _ in range(3):
        rate(hoarding_case, officer, 8)
        CaseAction.objects.filter(case=hoarding_case).update(done_at=None)
    with django_assert_num_queries(1):
        case_actions_due(user=officer, today=FRI_18_DEC_2026, now=at(FRI_18_DEC_2026))
