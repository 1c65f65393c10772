"""Two officers closing or reassigning one call-back: the second save is refused with both
versions shown, and the first save stands."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from doorstep.contacts.models import CallBackStatus
from doorstep.contacts.tests.factories import CallBackFactory

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved a change to this record"


def opened(client, url):
    """The form's fields as a browser would post them back unchanged."""
    form = client.get(url).context["form"]
    return {name: form[name].value() for name in form.fields if form[name].value() is not None}


def _clients(one, other):
    mine, theirs = Client(), Client()
    mine.force_login(one)
    theirs.force_login(other)
    return mine, theirs


def test_two_officers_mark_one_call_back_done_and_the_second_sees_a_conflict(officer, team_leader):
    callback = CallBackFactory(for_officer=officer)
    url = reverse("contacts:callback_complete", args=[callback.pk])
    mine, theirs = _clients(officer, team_leader)
    opened_mine, opened_theirs = opened(mine, url), opened(theirs, url)
    assert opened_mine["version"]

    assert mine.post(url, {**opened_mine, "outcome": "Rent plan agreed"}).status_code == 302
    response = theirs.post(url, {**opened_theirs, "outcome": "No answer, voicemail"})

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    assert [(row.theirs, row.yours) for row in response.context["conflict_rows"]] == [
        ("Rent plan agreed", "No answer, voicemail")
    ]
    assert "No answer, voicemail" in html
    callback.refresh_from_db()
    assert (callback.status, callback.outcome) == (CallBackStatus.DONE, "Rent plan agreed")
    assert callback.completed_by == officer


def test_two_people_reassign_one_call_back_and_the_second_sees_a_conflict(
    officer, team_leader, manager, colleague, team
):
    callback = CallBackFactory(for_officer=officer)
    url = reverse("contacts:callback_reassign", args=[callback.pk])
    mine, theirs = _clients(team_leader, manager)
    opened_mine, opened_theirs = opened(mine, url), opened(theirs, url)

    assert mine.post(url, {**opened_mine, "for_officer": colleague.pk}).status_code == 302
    response = theirs.post(url, {**opened_theirs, "for_team": team.pk})

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    rows = {row.label: (row.theirs, row.yours) for row in response.context["conflict_rows"]}
    assert rows["Give it to an officer"][0].startswith(colleague.full_name)
    assert rows["Give it to an officer"][1] == "(blank)"
    assert rows[str(response.context["form"].fields["for_team"].label)][1].startswith(team.name)
    callback.refresh_from_db()
    assert (callback.for_officer, callback.for_team) == (colleague, None)
    # Saving again against the version now shown is deliberate, and goes through.
    again = {
        **opened_theirs,
        "for_team": team.pk,
        "version": response.context["form"].data["version"],
    }
    assert theirs.post(url, again).status_code == 302
    callback.refresh_from_db()
    assert (callback.for_officer, callback.for_team) == (None, team)
