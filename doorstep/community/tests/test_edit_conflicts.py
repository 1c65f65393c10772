"""Two officers changing one community event (its plan, or its outcome): the second save is
refused with both versions shown, and the first save stands."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doorstep.community.tests.factories import EventFactory
from doorstep.core.tests.conflicts import save_again, second_save_refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "first", "second", "field", "shown"),
    [
        (
            "event_edit",
            {"venue": "Alma Court lounge"},
            {"venue": "Goscote library"},
            "venue",
            ("Alma Court lounge", "Goscote library"),
        ),
        (
            "event_outcome",
            {"outcome": "Ten beds planted.", "attendance": "14"},
            {"outcome": "Rained off.", "attendance": "14"},
            "outcome",
            ("Ten beds planted.", "Rained off."),
        ),
    ],
)
def test_two_officers_change_one_event_and_the_second_sees_a_conflict(
    officer, team_leader, name, first, second, field, shown
):
    event = EventFactory(starts_at=timezone.now() - dt.timedelta(hours=3), organiser=officer)
    url = reverse(f"community:{name}", args=[event.pk])

    response = second_save_refused(url, first=(officer, first), second=(team_leader, second))

    assert [(row.theirs, row.yours) for row in response.context["conflict_rows"]] == [shown]
    html = response.content.decode()
    assert shown[0] in html and shown[1] in html
    event.refresh_from_db()
    assert getattr(event, field) == shown[0]  # the first save stands
    save_again(response)
    event.refresh_from_db()
    assert getattr(event, field) == shown[1]
