"""What moves with a colleague ("Move a colleague", doorstep.teams.reassign): the active
inspection schedules they inspect, and inspections they have started and not completed.
Both follow the estate's patch under the by-patch rule."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from doorstep.inspections.models import Inspection, InspectionSchedule, InspectionStatus
from doorstep.teams.reassign import ModelReassignable


def _history_url(row: InspectionSchedule | Inspection) -> str:
    if row.block_id is not None:
        return reverse("inspections:block_history", args=[row.block_id])
    return reverse("inspections:estate_history", args=[row.estate_id])


SCHEDULES = ModelReassignable(
    kind="inspection_schedules",
    label="Estate inspections they are scheduled to make",
    model=InspectionSchedule,
    owner_field="inspector",
    open_q=Q(active=True),
    related=["estate", "block"],
    label_of=lambda schedule: (
        f"Inspect {schedule.place_name} every {schedule.frequency_weeks} weeks, "
        f"next due {schedule.next_due_on:%-d %b %Y}"
    ),
    url_of=_history_url,
    patch_of=lambda schedule: schedule.estate.patch_id,
)

IN_PROGRESS = ModelReassignable(
    kind="inspections_in_progress",
    label="Estate inspections they started and have not completed",
    model=Inspection,
    owner_field="inspector",
    open_q=Q(status=InspectionStatus.IN_PROGRESS),
    related=["estate", "block"],
    label_of=lambda inspection: (
        f"Inspection of {inspection.place_name} started {inspection.inspected_on:%-d %b %Y}"
    ),
    url_of=lambda inspection: inspection.get_absolute_url(),
    patch_of=lambda inspection: inspection.estate.patch_id,
)

KINDS = [SCHEDULES, IN_PROGRESS]
