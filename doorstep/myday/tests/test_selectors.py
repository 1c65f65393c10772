import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doorstep.core.working_days import LONDON
from doorstep.myday import registry
from doorstep.myday.registry import MyDayItem
from doorstep.myday.selectors import my_day

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=LONDON)


def _item(title, due_at, overdue):
    return MyDayItem(
        kind="test", kind_label="Test item", title=title, due_at=due_at, url="/", overdue=overdue
    )


@pytest.fixture
def only_test_provider(monkeypatch):
    items = [
        _item("later today", NOW + dt.timedelta(hours=3), False),
        _item("tomorrow", NOW + dt.timedelta(days=1), False),
        _item("yesterday", NOW - dt.timedelta(days=1), True),
        _item("this morning", NOW - dt.timedelta(hours=2), True),
    ]
    monkeypatch.setattr(registry, "_providers", {"test": lambda *, user, today, now: items})


def test_a_new_kind_of_work_plugs_in_without_editing_my_day(only_test_provider):
    day = my_day(user=object(), now=NOW)
    assert [item.title for item in day.items] == [
        "yesterday",
        "this morning",
        "later today",
        "tomorrow",
    ]
    assert (day.overdue, day.due_today, day.coming_up) == (2, 1, 1)
    assert day.by_kind == [("Test item", 4)]


@pytest.mark.django_db
def test_my_day_page_shows_counts_and_overdue_first(client, officer, only_test_provider):
    client.force_login(officer)
    page = client.get(reverse("myday:my_day")).content.decode()
    assert page.index("yesterday") < page.index("later today") < page.index("tomorrow")
    assert page.count(">Overdue<") == 2


@pytest.mark.django_db
def test_my_day_needs_sign_in(client):
    response = client.get(reverse("myday:my_day"))
    assert response.status_code == 302 and "/accounts/sign-in/" in response.url


# --- a busy officer's page: queries fixed whatever the work, at most 20 ------------------------

BUSY_NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=LONDON)  # Wednesday midday


def _give_work(officer, home, count):
    """`count` items in each of five kinds of work, every person with a risk flag."""
    from doorstep.cases.tests.factories import CaseActionFactory, CaseFactory
    from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
    from doorstep.people.tests.factories import FlagFactory, PersonFactory
    from doorstep.repairs.tests.factories import RepairFactory

    today = BUSY_NOW.date()
    for n in range(count):
        person = PersonFactory()
        FlagFactory(person=person, code="risk_to_staff")
        CallBackFactory(for_officer=officer, person=person, due_at=BUSY_NOW - dt.timedelta(hours=1))
        ContactFactory(logged_by=officer, person=person, follow_up_on=today)
        case = CaseFactory(lead_officer=officer, next_review_on=today - dt.timedelta(days=n % 3))
        CaseActionFactory(case=case, owner=officer, due_on=today)
        RepairFactory(home=home, owner=officer, reported_at=BUSY_NOW - dt.timedelta(days=40))


@pytest.mark.django_db
def test_busy_my_day_page_has_a_fixed_number_of_queries(
    client, officer, home, django_assert_max_num_queries
):
    with time_machine.travel(BUSY_NOW, tick=False):
        client.force_login(officer)
        _give_work(officer, home, 1)
        with CaptureQueriesContext(connection) as one_each:
            client.get(reverse("myday:my_day"))
        _give_work(officer, home, 29)
        with django_assert_max_num_queries(min(20, len(one_each.captured_queries))):
            response = client.get(reverse("myday:my_day"))
    html = response.content.decode()
    day = response.context["day"]
    assert dict(day.by_kind) == {
        "Call-back": 30,
        "Follow-up": 30,
        "Case review": 30,
        "Case action": 30,
        "Repair": 30,
    }
    assert len(day.items) == 150
    # Every call-back and follow-up carries its person's arrangements (read with the rows).
    with_people = [i for i in day.items if i.kind in ("callback", "follow_up")]
    assert len(with_people) == 60
    assert all(i.arrangements[0].code == "two_officer" for i in with_people)
    on_first_page = sum(1 for i in day.items[:50] if i.kind in ("callback", "follow_up"))
    assert on_first_page and html.count("Two-officer visit only") == on_first_page
    assert "Page 1 of 3" in html


@pytest.mark.django_db
def test_kinds_of_work_the_officer_has_none_of_cost_one_query_in_all(
    officer, django_assert_max_num_queries
):
    from doorstep.myday.selectors import providers_with_work

    today = BUSY_NOW.date()
    with django_assert_max_num_queries(3):  # groups, patches, then one EXISTS for every kind
        ran = providers_with_work(user=officer, today=today, now=BUSY_NOW)
    checked = set(registry.work_checks())
    assert checked >= {"callbacks", "case_actions", "case_reviews", "repairs", "flag_reviews"}
    # Only providers without a work check run for an officer with nothing to do.
    unchecked = [p for name, p in registry.providers().items() if name not in checked]
    assert ran == unchecked


@pytest.mark.django_db
def test_a_kind_of_work_with_rows_is_run(officer, home):
    from doorstep.cases.myday import case_actions_due
    from doorstep.cases.tests.factories import CaseActionFactory
    from doorstep.myday.selectors import providers_with_work

    CaseActionFactory(owner=officer, due_on=BUSY_NOW.date())
    ran = providers_with_work(user=officer, today=BUSY_NOW.date(), now=BUSY_NOW)
    assert case_actions_due in ran
