"""Draft minutes: saving a draft and coming back later keeps every field."""

import uuid

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DRAFT = {
    "minutes": "Discussed the state of the kitchen and the gas safety check.",
    "decisions": "Ask adult social care for a care act assessment.",
    "risks_to_person": "Falls on the stairs; not eating.",
    "risks_to_neighbours": "Papers piled by the boiler.",
}


def test_a_saved_draft_is_all_there_when_the_chair_comes_back(client, officer, case_meeting):
    client.force_login(officer)
    url = reverse("meetings:meeting_minutes", args=[case_meeting.pk])
    data = {**DRAFT, "save": "draft", "submission_key": str(uuid.uuid4())}
    first = client.post(url, data)
    case_meeting.refresh_from_db()
    saved_at = case_meeting.minutes_saved_at
    second = client.post(url, data)  # a double click on "Save draft"
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == url
    case_meeting.refresh_from_db()
    assert case_meeting.minutes_saved_at == saved_at  # the second was not run again
    assert not case_meeting.minutes_are_final
    # Away to the meeting page, then back to the minutes.
    client.get(reverse("meetings:meeting_detail", args=[case_meeting.pk]))
    page = client.get(url).content.decode()
    assert "Draft" in page and "Last saved" in page
    for text in DRAFT.values():
        assert f"{text}</textarea>" in page
