"""An officer and their team leader setting one check-in, or two leaders setting one day's
priorities: the second save is refused with both versions shown; the first save stands."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doorstep.teams import services
from doorstep.teams.models import CheckIn, Priority

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


@pytest.mark.parametrize("already_set", [True, False], ids=["changing", "none-yet"])
def test_a_check_in_set_by_two_people_the_second_sees_a_conflict(officer, team_leader, already_set):
    if already_set:
        services.check_in_set(
            actor=officer, member=officer, date=timezone.localdate(), whereabouts="in_office"
        )
    mine, theirs = _clients(officer, team_leader)
    own, for_them = reverse("teams:check_in"), reverse("teams:check_in_for", args=[officer.pk])
    opened_mine, opened_theirs = opened(mine, own), opened(theirs, for_them)

    first = {**opened_mine, "whereabouts": "on_visits", "where": "Goscote"}
    assert mine.post(own, first).status_code == 302
    second = {**opened_theirs, "whereabouts": "absent", "absence_reason": "training"}
    response = theirs.post(for_them, second)

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    rows = {row.label: (row.theirs, row.yours) for row in response.context["conflict_rows"]}
    assert rows["Where are they working?"] == ("Out on visits", "Absent")
    assert rows["Where are the visits?"] == ("Goscote", "(blank)")
    check_in = CheckIn.objects.get(user=officer)
    assert (check_in.whereabouts, check_in.where) == ("on_visits", "Goscote")
    # Saving again against the check-in now shown is deliberate, and goes through.
    again = {**second, "version": response.context["form"].data["version"]}
    assert theirs.post(for_them, again).status_code == 302
    assert CheckIn.objects.get(user=officer).whereabouts == "absent"


def test_a_days_priorities_set_by_two_people_the_second_sees_a_conflict(team_leader, manager, team):
    services.priorities_set(
        actor=team_leader, team=team, date=timezone.localdate(), texts=["Rent arrears calls"]
    )
    url = reverse("teams:priorities", args=[team.pk])
    mine, theirs = _clients(team_leader, manager)
    opened_mine, opened_theirs = opened(mine, url), opened(theirs, url)

    first = {**opened_mine, "priorities": "Rent arrears calls\nVoids at Goscote"}
    assert mine.post(url, first).status_code == 302
    second = {**opened_theirs, "priorities": "Fire doors at Alma Court"}
    response = theirs.post(url, second)

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    assert "Voids at Goscote" in html and "Fire doors at Alma Court" in html
    assert [(row.theirs, row.yours) for row in response.context["conflict_rows"]] == [
        ("Rent arrears calls\nVoids at Goscote", "Fire doors at Alma Court")
    ]
    saved = list(Priority.objects.filter(team=team).values_list("text", flat=True))
    assert saved == ["Rent arrears calls", "Voids at Goscote"]
    again = {**second, "version": response.context["form"].data["version"]}
    assert theirs.post(url, again).status_code == 302
    assert list(Priority.objects.filter(team=team).values_list("text", flat=True)) == [
        "Fire doors at Alma Court"
    ]
