import datetime as dt

import pytest
from django.urls import reverse

from doorstep.core.working_days import LONDON
from doorstep.myday.selectors import my_day
from doorstep.repairs.myday import repairs_due
from doorstep.repairs.tests.factories import RepairFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=LONDON)  # Tue 10 March 2026


def test_overdue_and_due_today_repairs_for_their_owner(estates_officer, officer, home):
    overdue = RepairFactory(
        home=home,
        owner=estates_officer,
        priority="urgent",
        reported_at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON),  # target Mon 9 March
    )
    today = RepairFactory(
        home=home,
        owner=estates_officer,
        priority="urgent",
        reported_at=dt.datetime(2026, 3, 3, 10, 0, tzinfo=LONDON),  # target Tue 10 March
    )
    RepairFactory(  # target Wed 11 March: not yet
        home=home,
        owner=estates_officer,
        priority="urgent",
        reported_at=dt.datetime(2026, 3, 4, 10, 0, tzinfo=LONDON),
    )
    RepairFactory(  # completed late: nothing to do
        home=home,
        owner=estates_officer,
        priority="urgent",
        status="completed",
        reported_at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON),
        completed_at=NOW,
        within_target=False,
    )
    RepairFactory(  # someone else's
        home=home,
        owner=officer,
        priority="urgent",
        reported_at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON),
    )
    items = repairs_due(user=estates_officer, today=NOW.date(), now=NOW)
    assert [(item.url, item.overdue) for item in items] == [
        (overdue.get_absolute_url(), True),
        (today.get_absolute_url(), False),
    ]
    assert items[0].detail.startswith("Target missed Mon 9 Mar 2026, 23:59")
    assert "Urgent repair" in items[0].title and "12 Beechdale Road" in items[0].title


def test_repairs_join_my_day_in_a_fixed_number_of_queries(
    estates_officer, home, django_assert_max_num_queries
):
    for _ in range(15):
        RepairFactory(home=home, owner=estates_officer, reported_at=NOW - dt.timedelta(days=40))
    with django_assert_max_num_queries(1):
        assert len(repairs_due(user=estates_officer, today=NOW.date(), now=NOW)) == 15
    day = my_day(user=estates_officer, now=NOW)
    assert ("Repair", 15) in day.by_kind
    assert day.items[0].url.startswith(reverse("repairs:repair_list"))
