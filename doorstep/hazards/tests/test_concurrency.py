"""Two officers recording one hazard's milestone at once: the second sees a conflict with both
versions side by side, and nothing the first saved is overwritten."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doorstep.core.forms import local_input
from doorstep.core.tests.conflicts import second_save_conflicts
from doorstep.hazards.models import HazardReport
from doorstep.hazards.tests.factories import HazardFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(second=0, microsecond=0)
EARLY, LATE = NOW - dt.timedelta(hours=2), NOW - dt.timedelta(hours=1)


def _shown(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%-d %b %Y %H:%M}"


# step: (first officer's data, second officer's data, values shown, field the first's stands in)
STEPS = {
    "investigated": (
        {"investigated_at": local_input(LATE), "findings": "Leaking gutter", "work_planned": "Fix"},
        {"investigated_at": local_input(EARLY), "findings": "Blocked fan", "work_planned": "Fix"},
        ("Leaking gutter", "Blocked fan", _shown(LATE), _shown(EARLY)),
        ("investigated_at", LATE),
    ),
    "summary": (
        {"sent_at": local_input(LATE)},
        {"sent_at": local_input(EARLY)},
        (_shown(LATE), _shown(EARLY)),
        ("summary_sent_at", LATE),
    ),
    "safety": (
        {"done_at": local_input(LATE)},
        {"done_at": local_input(EARLY)},
        (_shown(LATE), _shown(EARLY)),
        ("safety_work_done_at", LATE),
    ),
    "preventative": (
        {"begun_at": local_input(LATE)},
        {"begun_at": local_input(EARLY)},
        (_shown(LATE), _shown(EARLY)),
        ("preventative_work_begun_at", LATE),
    ),
    "alternative": (
        {"offered_at": local_input(LATE), "response": "accepted"},
        {"offered_at": local_input(LATE), "response": "declined"},
        ("Accepted", "Declined"),
        ("alternative_response", "accepted"),
    ),
}


@pytest.mark.parametrize("step", STEPS)
def test_the_second_of_two_officers_sees_a_conflict_and_the_first_save_stands(
    client, damp_case, officer, team_leader, step
):
    first, second, shown, (field, kept) = STEPS[step]
    investigated = None if step == "investigated" else NOW - dt.timedelta(days=2)
    hazard = HazardFactory(
        case=damp_case,
        reported_at=NOW - dt.timedelta(days=3),
        investigated_at=investigated,
        findings="Mould" if investigated else "",
        work_planned="Treat it" if investigated else "",
    )
    second_save_conflicts(
        client,
        reverse("hazards:milestone", args=[damp_case.reference, step]),
        first=(officer, first),
        second=(team_leader, second),
        shown=shown,
    )
    assert getattr(HazardReport.objects.get(pk=hazard.pk), field) == kept
