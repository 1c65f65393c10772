"""Two people changing one schedule or checklist item: the second save is refused with both
versions shown, and the first save stands."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.tests.conflicts import opened, save_again, second_save_refused
from doorstep.inspections import services
from doorstep.inspections.models import ChecklistItem, InspectionSchedule

pytestmark = pytest.mark.django_db


def _schedule(team_leader, estate, officer):
    schedule = services.schedule_create(actor=team_leader, estate=estate, inspector=officer)
    return reverse("inspections:schedule_edit", args=[schedule.pk]), schedule


def _item(checklist):
    return reverse("inspections:checklist_item_edit", args=[checklist[0].pk]), checklist[0]


@pytest.mark.parametrize(
    ("kind", "first", "second", "saved", "shown"),
    [
        (
            "schedule",
            {"frequency_weeks": "8"},
            {"frequency_weeks": "2"},
            ("frequency_weeks", 8),
            ("8", "2"),
        ),
        (
            "checklist_item",
            {"text": "Bins emptied"},
            {"text": "Bins tidy"},
            ("text", "Bins emptied"),
            ("Bins emptied", "Bins tidy"),
        ),
    ],
)
def test_two_people_edit_one_record_and_the_second_sees_a_conflict(
    request, kind, first, second, saved, shown, manager, team_leader, estate, officer, checklist
):
    if kind == "schedule":
        url, record = _schedule(team_leader, estate, officer)
        one, other = team_leader, manager
    else:
        url, record = _item(checklist)
        one, other = manager, manager

    response = second_save_refused(url, first=(one, first), second=(other, second))

    rows = response.context["conflict_rows"]
    assert [(row.theirs, row.yours) for row in rows] == [shown]
    record.refresh_from_db()
    field, value = saved
    assert getattr(record, field) == value  # the first save stands
    save_again(response)
    record.refresh_from_db()
    assert getattr(record, field) != value


def test_a_schedule_saved_without_a_version_still_saves(client, team_leader, estate, officer):
    """Imports and old forms send no version: nothing to compare, so the change is made."""
    url, schedule = _schedule(team_leader, estate, officer)
    client.force_login(team_leader)
    data = {**opened(client, url), "frequency_weeks": "6"}
    del data["version"]
    assert client.post(url, data).status_code == 302
    assert InspectionSchedule.objects.get(pk=schedule.pk).frequency_weeks == 6


def test_a_new_checklist_item_is_not_versioned(client, manager):
    client.force_login(manager)
    data = {"text": "Lifts working", "follow_up": "repair", "version": ""}
    assert client.post(reverse("inspections:checklist"), data).status_code == 302
    assert ChecklistItem.objects.filter(text="Lifts working").exists()
