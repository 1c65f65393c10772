"""What moves with a colleague ("Move a colleague", doorstep.teams.reassign): the open tasks
they own for community events, and the events still to come that they organise."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from doorstep.community.models import Event, EventTask
from doorstep.core.working_days import LONDON
from doorstep.teams.reassign import ModelReassignable

TASKS = ModelReassignable(
    kind="event_tasks",
    label="Open tasks for community events",
    model=EventTask,
    owner_field="owner",
    open_q=Q(done_at__isnull=True),
    related=["event"],
    label_of=lambda task: f"{task.title} ({task.event.title}), due {task.due_on:%-d %b %Y}",
    url_of=lambda task: task.event.get_absolute_url(),
)

EVENTS = ModelReassignable(
    kind="events_organised",
    label="Community events still to come that they organise",
    model=Event,
    owner_field="organiser",
    open_q=lambda: Q(starts_at__gte=timezone.now()),
    label_of=lambda event: f"{event.title}, {event.starts_at.astimezone(LONDON):%-d %b %Y %H:%M}",
    url_of=lambda event: event.get_absolute_url(),
)

KINDS = [TASKS, EVENTS]
