import datetime as dt

import pytest
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
