"""Two officers changing one community event (its plan, or its outcome): the second save is
refused with both versions shown, and the first save stands."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doorstep.community.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved a change to this record"


def opened(client, url):
    """The form's fields as a browser would post them back unchanged."""
    form = client.get(url).context["form"]
    return {name: form[name].value() for name in form.fields if form[name].value() is not None}


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
    mine, theirs = Client(), Client()
    mine.force_login(officer)
    theirs.force_login(team_leader)
    opened_mine, opened_theirs = opened(mine, url), opened(theirs, url)
    assert opened_mine["version"]

    assert mine.post(url, {**opened_mine, **first}).status_code == 302
    response = theirs.post(url, {**opened_theirs, **second})

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    assert [(row.theirs, row.yours) for row in response.context["conflict_rows"]] == [shown]
    assert shown[0] in html and shown[1] in html
    event.refresh_from_db()
    assert getattr(event, field) == shown[0]  # the first save stands
    again = {**opened_theirs, **second, "version": response.context["form"].data["version"]}
    assert theirs.post(url, again).status_code == 302
    event.refresh_from_db()
    assert getattr(event, field) == shown[1]
