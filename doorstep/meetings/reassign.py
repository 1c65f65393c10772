"""What moves with a colleague ("Move a colleague", doorstep.teams.reassign): the open meeting
actions they own, and the meetings they chair whose minutes are not yet final (the chair
finalises them and chases partners' actions)."""

from __future__ import annotations

from django.db.models import Q

from doorstep.core.working_days import LONDON
from doorstep.meetings.models import Meeting, MeetingAction
from doorstep.teams.reassign import ModelReassignable

ACTIONS = ModelReassignable(
    kind="meeting_actions",
    label="Open meeting actions they own",
    model=MeetingAction,
    owner_field="owner",
    open_q=Q(done_at__isnull=True, carried_to__isnull=True),
    related=["meeting"],
    label_of=lambda action: (
        f"{action.title} (meeting of {action.meeting.starts_at.astimezone(LONDON):%-d %b %Y}), "
        f"due {action.due_on:%-d %b %Y}"
    ),
    url_of=lambda action: action.meeting.get_absolute_url(),
)

CHAIRED = ModelReassignable(
    kind="meetings_chaired",
    label="Meetings they chair whose minutes are not final",
    model=Meeting,
    owner_field="chair",
    open_q=Q(minutes_finalised_at__isnull=True),
    label_of=lambda meeting: (
        f"{meeting.get_kind_display()} on {meeting.starts_at.astimezone(LONDON):%-d %b %Y}"
    ),
    url_of=lambda meeting: meeting.get_absolute_url(),
)

KINDS = [ACTIONS, CHAIRED]
