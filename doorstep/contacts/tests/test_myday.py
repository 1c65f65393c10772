import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doorstep.contacts.models import CallBackStatus
from doorstep.contacts.myday import callbacks_due, contacts_to_follow_up
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.core.working_days import LONDON
from doorstep.myday.registry import providers
from doorstep.people.tests.factories import FlagFactory, PersonFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=LONDON)  # Wednesday midday
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _items(user):
    return callbacks_due(user=user, today=TODAY, now=NOW)


def test_both_providers_are_registered():
    assert providers()["callbacks"] is callbacks_due
    assert providers()["contact_follow_ups"] is contacts_to_follow_up


def test_my_call_backs_due_by_the_next_working_day_and_my_teams_unassigned_ones(
    officer, colleague, team, other_team, person
):
    late = CallBackFactory(for_officer=officer, person=person, due_at=NOW - dt.timedelta(hours=1))
    tonight = CallBackFactory(for_officer=officer, due_at=NOW + dt.timedelta(hours=11))
    team_one = CallBackFactory(for_officer=None, for_team=team, due_at=NOW + dt.timedelta(hours=2))
    # Left today, so due by the end of the next working day: already on My day.
    tomorrow = CallBackFactory(for_officer=officer, due_at=NOW + dt.timedelta(days=1))
    CallBackFactory(for_officer=officer, due_at=NOW + dt.timedelta(days=7))  # next week
    CallBackFactory(for_officer=officer, due_at=NOW, status=CallBackStatus.DONE)
    CallBackFactory(for_officer=colleague, due_at=NOW)
    CallBackFactory(for_officer=None, for_team=other_team, due_at=NOW)
    items = _items(officer)
    assert [item.url for item in items] == [
        reverse("contacts:callback_detail", args=[cb.pk])
        for cb in (late, team_one, tonight, tomorrow)
    ]
    first = items[0]
    assert first.title == "Ring back Edna Thompson"
    assert first.overdue is True and items[1].overdue is False
    assert first.action_label == "Mark as done"
    assert first.action_url == reverse("contacts:callback_complete", args=[late.pk]) + "?next=/"
    assert items[1].detail.startswith("For Walsall neighbourhood team.")


def test_call_back_items_carry_the_persons_special_arrangements(officer, person):
    FlagFactory(person=person, code="risk_to_staff")
    FlagFactory(person=person, code="hearing_impairment")
    FlagFactory(person=person, code="shielding", end_date=dt.date(2025, 1, 1))  # ended
    CallBackFactory(for_officer=officer, person=person, due_at=NOW)
    [item] = _items(officer)
    assert [a.code for a in item.arrangements] == ["two_officer", "no_phone"]


def test_call_backs_provider_uses_a_fixed_number_of_queries(officer, django_assert_num_queries):
    for n in range(30):
        person = PersonFactory(language="Polish" if n % 3 == 0 else "")
        FlagFactory(person=person, code="shielding")
        FlagFactory(person=person, code="risk_to_staff")
        CallBackFactory(for_officer=officer, person=person, due_at=NOW - dt.timedelta(minutes=n))
    with django_assert_num_queries(1):  # the call-backs, with their people's flag codes
        items = _items(officer)
    assert len(items) == 30
    assert all(len(item.arrangements) >= 2 for item in items)


def test_follow_ups_due_today_or_earlier(officer, person, home):
    overdue = ContactFactory(logged_by=officer, person=person, follow_up_on=TODAY - dt.timedelta(1))
    today = ContactFactory(logged_by=officer, person=None, home=home, follow_up_on=TODAY)
    ContactFactory(logged_by=officer, follow_up_on=TODAY + dt.timedelta(days=1))
    items = contacts_to_follow_up(user=officer, today=TODAY, now=NOW)
    assert [item.title for item in items] == [
        "Follow up: Edna Thompson",
        "Follow up: 12 Beechdale Road, Walsall, WS2 7AB",
    ]
    assert [item.overdue for item in items] == [True, False]
    assert items[0].action_label == "Follow-up done"
    assert items[0].action_url == (
        reverse("contacts:contact_follow_up_done", args=[overdue.pk]) + "?next=/"
    )
    assert items[1].url == home.get_absolute_url()
    assert today.pk != overdue.pk


def test_follow_ups_provider_uses_a_fixed_number_of_queries(officer, django_assert_num_queries):
    for _ in range(30):
        person = PersonFactory()
        FlagFactory(person=person, code="shielding")
        ContactFactory(logged_by=officer, person=person, follow_up_on=TODAY)
    with django_assert_num_queries(1):
        items = contacts_to_follow_up(user=officer, today=TODAY, now=NOW)
    assert len(items) == 30


def test_my_day_page_lists_call_backs_with_a_fixed_query_count(
    client, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    client.get("/")

    def add(count):
        for _ in range(count):
            person = PersonFactory()
            FlagFactory(person=person, code="risk_to_staff")
            CallBackFactory(for_officer=officer, person=person, due_at=NOW - dt.timedelta(hours=1))

    add(1)
    with CaptureQueriesContext(connection) as baseline:
        client.get("/")
    add(29)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        response = client.get("/")
    html = response.content.decode()
    assert html.count("Two-officer visit only") == 30
    assert html.count("Mark as done") == 30


def test_mark_as_done_on_my_day_takes_it_off(client, officer):
    callback = CallBackFactory(for_officer=officer, reason="Boiler", due_at=NOW)
    client.force_login(officer)
    [item] = _items(officer)
    response = client.post(item.action_url, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Call-back marked as done." in response.content.decode()
    callback.refresh_from_db()
    assert callback.status == CallBackStatus.DONE
    assert _items(officer) == []


def test_follow_up_done_on_my_day_takes_it_off(client, officer, person):
    ContactFactory(logged_by=officer, person=person, follow_up_on=TODAY)
    client.force_login(officer)
    [item] = contacts_to_follow_up(user=officer, today=TODAY, now=NOW)
    client.post(item.action_url)
    assert contacts_to_follow_up(user=officer, today=TODAY, now=NOW) == []
