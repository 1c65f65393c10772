"""An officer and their team leader setting one check-in, or two leaders setting one day's
priorities: the second save is refused with both versions shown; the first save stands."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from doorstep.core.tests.conflicts import save_again, second_save_refused
from doorstep.teams import services
from doorstep.teams.models import CheckIn, Priority

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("already_set", [True, False], ids=["changing", "none-yet"])
def test_a_check_in_set_by_two_people_the_second_sees_a_conflict(officer, team_leader, already_set):
    if already_set:
        services.check_in_set(
            actor=officer, member=officer, date=timezone.localdate(), whereabouts="in_office"
        )
    own, for_them = reverse("teams:check_in"), reverse("teams:check_in_for", args=[officer.pk])

    response = second_save_refused(
        own,
        first=(officer, {"whereabouts": "on_visits", "where": "Goscote"}),
        second=(team_leader, {"whereabouts": "absent", "absence_reason": "training"}),
        their_url=for_them,
        versioned=already_set,
    )

    rows = {row.label: (row.theirs, row.yours) for row in response.context["conflict_rows"]}
    assert rows["Where are they working?"] == ("Out on visits", "Absent")
    assert rows["Where are the visits?"] == ("Goscote", "(blank)")
    check_in = CheckIn.objects.get(user=officer)
    assert (check_in.whereabouts, check_in.where) == ("on_visits", "Goscote")
    save_again(response)
    assert CheckIn.objects.get(user=officer).whereabouts == "absent"


def test_a_days_priorities_set_by_two_people_the_second_sees_a_conflict(team_leader, manager, team):
    services.priorities_set(
        actor=team_leader, team=team, date=timezone.localdate(), texts=["Rent arrears calls"]
    )
    url = reverse("teams:priorities", args=[team.pk])

    response = second_save_refused(
        url,
        first=(team_leader, {"priorities": "Rent arrears calls\nVoids at Goscote"}),
        second=(manager, {"priorities": "Fire doors at Alma Court"}),
    )

    html = response.content.decode()
    assert "Voids at Goscote" in html and "Fire doors at Alma Court" in html
    assert [(row.theirs, row.yours) for row in response.context["conflict_rows"]] == [
        ("Rent arrears calls\nVoids at Goscote", "Fire doors at Alma Court")
    ]
    saved = list(Priority.objects.filter(team=team).values_list("text", flat=True))
    assert saved == ["Rent arrears calls", "Voids at Goscote"]
    save_again(response)
    assert list(Priority.objects.filter(team=team).values_list("text", flat=True)) == [
        "Fire doors at Alma Court"
    ]
