import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from doorstep.cases.myday import case_actions_due, case_reviews_due
from doorstep.cases.tests.factories import CaseActionFactory, CaseFactory
from doorstep.core.working_days import add_working_days, end_of_day
from doorstep.myday.selectors import my_day

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def test_actions_due_by_the_next_working_day_for_their_owner(officer, other_officer, case):
    overdue = CaseActionFactory(
        case=case, owner=officer, due_on=TODAY - dt.timedelta(days=2), title="Send diary sheets"
    )
    CaseActionFactory(case=case, owner=officer, due_on=TODAY, title="Ring the reporter")
    tomorrow = CaseActionFactory(
        case=case, owner=officer, due_on=add_working_days(TODAY, 1), title="Visit"
    )
    CaseActionFactory(case=case, owner=officer, due_on=add_working_days(TODAY, 2))
    CaseActionFactory(case=case, owner=other_officer, due_on=TODAY)
    CaseActionFactory(case=case, owner=officer, due_on=TODAY, done_at=NOW)
    items = case_actions_due(user=officer, today=TODAY, now=NOW)
    assert [(i.title, i.overdue) for i in items] == [
        (f"Send diary sheets ({case.reference})", True),
        (f"Ring the reporter ({case.reference})", False),
        (f"{tomorrow.title} ({case.reference})", False),
    ]
    first = items[0]
    assert first.url == case.get_absolute_url()
    assert first.due_at == end_of_day(overdue.due_on)
    assert first.action_url == (
        reverse("cases:action_done", args=[case.reference, overdue.pk]) + "?next=/"
    )
    assert first.action_label == "Mark as done"


def test_actions_of_closed_cases_leave_my_day(officer, home):
    closed = CaseFactory(home=home, lead_officer=officer, status="closed", closed_on=TODAY)
    CaseActionFactory(case=closed, owner=officer, due_on=TODAY)
    assert case_actions_due(user=officer, today=TODAY, now=NOW) == []


def test_a_restricted_case_action_shows_to_its_owner(other_officer, restricted_case):
    CaseActionFactory(case=restricted_case, owner=other_officer, due_on=TODAY)
    assert len(case_actions_due(user=other_officer, today=TODAY, now=NOW)) == 1


def test_reviews_due_for_the_lead_officer(officer, other_officer, case, home):
    case.next_review_on = TODAY - dt.timedelta(days=1)
    case.save()
    CaseFactory(home=home, lead_officer=officer, next_review_on=TODAY + dt.timedelta(days=3))
    items = case_reviews_due(user=officer, today=TODAY, now=NOW)
    assert [(i.url, i.overdue, i.kind) for i in items] == [
        (case.get_absolute_url(), True, "case_review")
    ]
    assert case_reviews_due(user=other_officer, today=TODAY, now=NOW) == []


def test_providers_use_one_query_each(django_assert_num_queries, officer, case, home):
    for n in range(15):
        other = CaseFactory(home=home, lead_officer=officer, next_review_on=TODAY)
        CaseActionFactory(case=other, owner=officer, due_on=TODAY - dt.timedelta(days=n % 2))
    with django_assert_num_queries(1):
        assert len(case_actions_due(user=officer, today=TODAY, now=NOW)) == 15
    with django_assert_num_queries(1):
        assert len(case_reviews_due(user=officer, today=TODAY, now=NOW)) == 15


def test_my_day_page_marks_an_action_done(client, officer, case):
    action = CaseActionFactory(case=case, owner=officer, due_on=TODAY, title="Ring the reporter")
    assert any(i.kind == "case_action" for i in my_day(user=officer, now=NOW).items)
    client.force_login(officer)
    page = client.get(reverse("myday:my_day")).content.decode()
    assert "Ring the reporter" in page
    done_url = reverse("cases:action_done", args=[case.reference, action.pk]) + "?next=/"
    assert done_url in page
    response = client.post(done_url)
    assert response.status_code == 302 and response.url == "/"
    assert f"Ring the reporter ({case.reference})" not in client.get("/").content.decode()
