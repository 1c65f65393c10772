"""Two officers changing one partner job (a new slot, on hold, the outcome): the second save
is refused with both versions shown, and the first save stands."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doorstep.core.tests.conflicts import second_save_refused
from doorstep.sustainment.models import JobStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SOON = TODAY + dt.timedelta(days=10)
LATER = TODAY + dt.timedelta(days=20)


def shown_date(day: dt.date) -> str:
    """How the conflict table shows a date."""
    return f"{day:%-d %b %Y}"


@pytest.mark.parametrize(
    ("name", "first", "second", "saved", "shown"),
    [
        (
            "job_rebook",
            {"date": SOON.isoformat(), "start_time": "09:00", "end_time": "12:00"},
            {"date": LATER.isoformat(), "start_time": "09:00", "end_time": "12:00"},
            {"date": SOON, "status": JobStatus.BOOKED},
            [(shown_date(SOON), shown_date(LATER))],
        ),
        (
            "job_hold",
            {"hold_reason": "Partner paused work"},
            {"hold_reason": "In hospital until March"},
            {"status": JobStatus.ON_HOLD, "hold_reason": "Partner paused work"},
            [("Partner paused work", "In hospital until March")],
        ),
        (
            "job_outcome",
            {"completed": "yes", "value": "45.50"},
            {"completed": "no", "outcome_reason": "Nobody in", "value": "45.50"},
            {"status": JobStatus.COMPLETED, "outcome_reason": ""},
            # The first left the date empty (so today); the second left it empty too.
            [("(blank)", "Nobody in"), (shown_date(TODAY), "(blank)")],
        ),
    ],
)
def test_two_officers_change_one_job_and_the_second_sees_a_conflict(
    sustainment_officer, manager, job, name, first, second, saved, shown
):
    url = reverse(f"sustainment:{name}", args=[job.pk])

    response = second_save_refused(
        url, first=(sustainment_officer, first), second=(manager, second)
    )

    assert [(row.theirs, row.yours) for row in response.context["conflict_rows"]] == shown
    html = response.content.decode()
    for theirs_value, yours_value in shown:
        assert theirs_value in html and yours_value in html
    job.refresh_from_db()
    for field, value in saved.items():
        assert getattr(job, field) == value  # the first save stands
    # What the second officer typed is kept in the form for them to save again.
    assert response.context["form"].data[next(iter(second))] == next(iter(second.values()))
