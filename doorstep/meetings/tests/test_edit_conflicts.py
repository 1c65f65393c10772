"""Two people writing one meeting's minutes: the second save is refused with both versions
shown, and the first save stands."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved a change to this record"


def opened(client, url):
    """The form's fields as a browser would post them back unchanged."""
    form = client.get(url).context["form"]
    return {name: form[name].value() for name in form.fields if form[name].value() is not None}


@pytest.mark.parametrize("save", ["draft", "final"])
def test_two_people_write_the_minutes_and_the_second_sees_a_conflict(
    officer, team_leader, case_meeting, save
):
    url = reverse("meetings:meeting_minutes", args=[case_meeting.pk])
    mine, theirs = Client(), Client()
    mine.force_login(officer)
    theirs.force_login(team_leader)
    opened_mine, opened_theirs = opened(mine, url), opened(theirs, url)
    assert opened_mine["version"]

    first = {**opened_mine, "minutes": "Kitchen cleared; GP visit booked.", "save": "draft"}
    assert mine.post(url, first).status_code == 302
    second = {**opened_theirs, "minutes": "Kitchen still full.", "save": save}
    response = theirs.post(url, second)

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    assert "Kitchen cleared; GP visit booked." in html and "Kitchen still full." in html
    assert [(row.label, row.theirs, row.yours) for row in response.context["conflict_rows"]] == [
        ("Minutes", "Kitchen cleared; GP visit booked.", "Kitchen still full.")
    ]
    case_meeting.refresh_from_db()
    assert case_meeting.minutes == "Kitchen cleared; GP visit booked."
    assert not case_meeting.minutes_are_final
    # Saving again against the version now shown is deliberate, and goes through.
    again = {**second, "save": "draft", "version": response.context["form"].data["version"]}
    assert theirs.post(url, again).status_code == 302
    case_meeting.refresh_from_db()
    assert case_meeting.minutes == "Kitchen still full."
