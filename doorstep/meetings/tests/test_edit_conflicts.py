"""Two people writing one meeting's minutes: the second save is refused with both versions
shown, and the first save stands."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.tests.conflicts import save_again, second_save_refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("save", ["draft", "final"])
def test_two_people_write_the_minutes_and_the_second_sees_a_conflict(
    officer, team_leader, case_meeting, save
):
    url = reverse("meetings:meeting_minutes", args=[case_meeting.pk])

    response = second_save_refused(
        url,
        first=(officer, {"minutes": "Kitchen cleared; GP visit booked.", "save": "draft"}),
        second=(team_leader, {"minutes": "Kitchen still full.", "save": save}),
    )

    html = response.content.decode()
    assert "Kitchen cleared; GP visit booked." in html and "Kitchen still full." in html
    assert [(row.label, row.theirs, row.yours) for row in response.context["conflict_rows"]] == [
        ("Minutes", "Kitchen cleared; GP visit booked.", "Kitchen still full.")
    ]
    case_meeting.refresh_from_db()
    assert case_meeting.minutes == "Kitchen cleared; GP visit booked."
    assert not case_meeting.minutes_are_final
    save_again(response, save="draft")
    case_meeting.refresh_from_db()
    assert case_meeting.minutes == "Kitchen still full."
