"""Two officers closing or reassigning one call-back: the second save is refused with both
versions shown, and the first save stands."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.contacts.models import CallBackStatus
from doorstep.contacts.tests.factories import CallBackFactory
from doorstep.core.tests.conflicts import save_again, second_save_refused

pytestmark = pytest.mark.django_db


def test_two_officers_mark_one_call_back_done_and_the_second_sees_a_conflict(officer, team_leader):
    callback = CallBackFactory(for_officer=officer)
    url = reverse("contacts:callback_complete", args=[callback.pk])

    response = second_save_refused(
        url,
        first=(officer, {"outcome": "Rent plan agreed"}),
        second=(team_leader, {"outcome": "No answer, voicemail"}),
    )

    assert [(row.theirs, row.yours) for row in response.context["conflict_rows"]] == [
        ("Rent plan agreed", "No answer, voicemail")
    ]
    assert "No answer, voicemail" in response.content.decode()
    callback.refresh_from_db()
    assert (callback.status, callback.outcome) == (CallBackStatus.DONE, "Rent plan agreed")
    assert callback.completed_by == officer


def test_two_people_reassign_one_call_back_and_the_second_sees_a_conflict(
    officer, team_leader, manager, colleague, team
):
    callback = CallBackFactory(for_officer=officer)
    url = reverse("contacts:callback_reassign", args=[callback.pk])

    response = second_save_refused(
        url,
        first=(team_leader, {"for_officer": colleague.pk}),
        second=(manager, {"for_team": team.pk}),
    )

    rows = {row.label: (row.theirs, row.yours) for row in response.context["conflict_rows"]}
    assert rows["Give it to an officer"][0].startswith(colleague.full_name)
    assert rows["Give it to an officer"][1] == "(blank)"
    assert rows[str(response.context["form"].fields["for_team"].label)][1].startswith(team.name)
    callback.refresh_from_db()
    assert (callback.for_officer, callback.for_team) == (colleague, None)
    save_again(response)
    callback.refresh_from_db()
    assert (callback.for_officer, callback.for_team) == (None, team)
