"""Writes for multi-agency meetings. Each checks permission, runs in a transaction and writes
the audit record (with the person, when the meeting is about someone, so a subject access
export finds it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.cases.permissions import can_see_case
from doorstep.core.audit import record_change, record_view, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.permissions import can_take_calls, require
from doorstep.meetings.models import (
    AgendaItem,
    Attendance,
    Attendee,
    Meeting,
    MeetingAction,
    MeetingKind,
)
from doorstep.meetings.permissions import (
    can_arrange_meeting,
    can_mark_action_done,
    can_run_meeting,
    can_see_meeting,
)
from doorstep.meetings.selectors import RESTRICTED, open_actions_q

ARRANGE_REFUSED = "Your role cannot arrange meetings."
RUN_REFUSED = (
    "Only the chair, our staff attending, the case team, team leaders and managers can change "
    "this meeting."
)
FINAL = "The minutes are final; they cannot be changed."
TITLE_MAX = 200
VENUE_MAX = 300
LINK_MAX = 500
AGENDA_MAX = 200
ACTION_MAX = 300
RISKS_MAX = 4000
MINUTES_MAX = 20000
DECISIONS_MAX = 8000


def _text(value: str | None, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


def _change(actor: Any, instance: Any, meeting: Meeting, before: dict[str, Any] | None) -> None:
    record_change(
        actor=actor,
        action=AuditAction.UPDATE if before is not None else AuditAction.CREATE,
        instance=instance,
        before=before,
        person_id=meeting.person_id,
    )


def _require_run(actor: Any, meeting: Meeting) -> None:
    require(can_run_meeting(actor, meeting), RUN_REFUSED)


def _check_staff(user: Any, *, field: str, meeting_case: Any, who: str) -> None:
    if user is None or not user.is_active or not can_take_calls(user):
        raise ValidationError({field: f"Choose a member of staff who can be the {who}."})
    if meeting_case is not None and not can_see_case(user, meeting_case):
        raise ValidationError(
            {
                field: f"{user.full_name} cannot see restricted case {meeting_case.reference}. "
                "Add them to the case team first."
            }
        )


def _where(venue: str, online_link: str) -> tuple[str, str]:
    place = _text(venue, field="venue", label="the venue", max_length=VENUE_MAX, required=False)
    link = _text(
        online_link, field="online_link", label="the link", max_length=LINK_MAX, required=False
    )
    if not place and not link:
        raise ValidationError({"venue": "Enter the venue, or a link for an online meeting."})
    if link and not link.startswith("https://"):
        raise ValidationError({"online_link": "Enter the meeting link, starting https://."})
    return place, link


@transaction.atomic
def meeting_arrange(
    *,
    actor: Any,
    title: str,
    kind: str,
    starts_at: dt.datetime | None,
    chair: Any,
    venue: str = "",
    online_link: str = "",
    person: Any = None,
    case: Any = None,
    agenda: Iterable[str] = (),
) -> Meeting:
    """Arrange a meeting. The chair is added as an attendee. A meeting about a case may be
    arranged only by someone who can see the case, and chaired only by such a person."""
    require(can_arrange_meeting(actor), ARRANGE_REFUSED)
    name = _text(title, field="title", label="a title", max_length=TITLE_MAX, required=True)
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": "Select the kind of meeting."})
    if starts_at is None:
        raise ValidationError({"starts_at": "Enter the date and time of the meeting."})
    place, link = _where(venue, online_link)
    if case is not None and not can_see_case(actor, case):
        raise ValidationError({"case": RESTRICTED})
    _check_staff(chair, field="chair", meeting_case=case, who="chair")
    if person is None and case is not None:
        subject = case.parties.filter(role="subject").select_related("person").first()
        person = subject.person if subject is not None else None
    meeting = Meeting.objects.create(
        title=name,
        kind=kind,
        starts_at=starts_at,
        venue=place,
        online_link=link,
        chair=chair,
        person=person,
        case=case,
        created_by=actor,
    )
    _change(actor, meeting, meeting, None)
    Attendee.objects.create(meeting=meeting, staff=chair)
    for item in agenda:
        agenda_item_add(actor=actor, meeting=meeting, title=item)
    return meeting


@transaction.atomic
def agenda_item_add(*, actor: Any, meeting: Meeting, title: str) -> AgendaItem:
    _require_run(actor, meeting)
    text = _text(
        title, field="title", label="the agenda item", max_length=AGENDA_MAX, required=True
    )
    position = meeting.agenda.count() + 1
    item = AgendaItem.objects.create(meeting=meeting, position=position, title=text)
    _change(actor, item, meeting, None)
    return item


@transaction.atomic
def attendee_add(
    *, actor: Any, meeting: Meeting, staff: Any = None, agency_contact: Any = None
) -> Attendee:
    """Invite one of our staff or a contact at a partner agency (once each)."""
    _require_run(actor, meeting)
    if (staff is None) == (agency_contact is None):
        raise ValidationError(
            {"staff": "Choose a member of staff or a contact at an agency, not both."}
        )
    if staff is not None:
        _check_staff(staff, field="staff", meeting_case=meeting.case, who="attendee")
        if meeting.attendees.filter(staff=staff).exists():
            raise ValidationError({"staff": f"{staff.full_name} is already invited."})
    elif meeting.attendees.filter(agency_contact=agency_contact).exists():
        raise ValidationError({"agency_contact": f"{agency_contact.name} is already invited."})
    attendee = Attendee.objects.create(meeting=meeting, staff=staff, agency_contact=agency_contact)
    _change(actor, attendee, meeting, None)
    return attendee


@transaction.atomic
def attendance_record(
    *, actor: Any, meeting: Meeting, attendee: Attendee, attendance: str
) -> Attendee:
    _require_run(actor, meeting)
    if attendee.meeting_id != meeting.pk:
        raise ValidationError("That person is not invited to this meeting.")
    if attendance not in Attendance.values:
        raise ValidationError({"attendance": "Select whether they attended."})
    before = snapshot(attendee)
    attendee.attendance = attendance
    attendee.save(update_fields=["attendance"])
    _change(actor, attendee, meeting, before)
    return attendee


@transaction.atomic
def minutes_save(
    *,
    actor: Any,
    meeting: Meeting,
    minutes: str,
    decisions: str,
    risks_to_person: str = "",
    risks_to_neighbours: str = "",
    finalise: bool = False,
    expected_version: str | None = None,
) -> Meeting:
    """Save the minutes, risks and decisions as a draft, or finalise them. A draft can be
    saved as often as needed, even half written; finalising needs the minutes and locks them.
    With `expected_version`, refuses (EditConflict) if someone saved since that version."""
    _require_run(actor, meeting)
    locked = lock_unchanged(meeting, expected_version)
    if locked.minutes_are_final:
        raise ValidationError(FINAL)
    fields = {
        "minutes": _text(
            minutes, field="minutes", label="the minutes", max_length=MINUTES_MAX, required=finalise
        ),
        "decisions": _text(
            decisions,
            field="decisions",
            label="the decisions",
            max_length=DECISIONS_MAX,
            required=False,
        ),
        "risks_to_person": _text(
            risks_to_person,
            field="risks_to_person",
            label="the risks to the person",
            max_length=RISKS_MAX,
            required=False,
        ),
        "risks_to_neighbours": _text(
            risks_to_neighbours,
            field="risks_to_neighbours",
            label="the risks to neighbours",
            max_length=RISKS_MAX,
            required=False,
        ),
    }
    if finalise and locked.starts_at > timezone.now():
        raise ValidationError("The minutes can be finalised once the meeting has taken place.")
    before = snapshot(locked)
    for key, value in fields.items():
        setattr(locked, key, value)
    now = timezone.now()
    locked.minutes_saved_at = now
    if finalise:
        locked.minutes_finalised_at = now
        locked.minutes_finalised_by = actor
    locked.save()
    _change(actor, locked, locked, before)
    return locked


@transaction.atomic
def action_add(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    due_on: dt.date | None,
    owner: Any = None,
    agency_contact: Any = None,
) -> MeetingAction:
    """Add an action to the plan, owned by one of our staff (it goes on their My day) or by a
    contact at an agency (the chair chases it when it is overdue)."""
    _require_run(actor, meeting)
    what = _text(
        title, field="title", label="what needs doing", max_length=ACTION_MAX, required=True
    )
    if (owner is None) == (agency_contact is None):
        raise ValidationError(
            {"owner": "Choose who owns the action: one of our staff or an agency contact."}
        )
    if owner is not None:
        _check_staff(owner, field="owner", meeting_case=meeting.case, who="owner of an action")
    if due_on is None:
        raise ValidationError({"due_on": "Enter the date the action is due."})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The due date must be today or in the future."})
    action = MeetingAction.objects.create(
        meeting=meeting, title=what, owner=owner, agency_contact=agency_contact, due_on=due_on
    )
    _change(actor, action, meeting, None)
    return action


@transaction.atomic
def action_done(*, actor: Any, meeting: Meeting, action: MeetingAction) -> MeetingAction:
    """Mark an action done (a second click changes nothing)."""
    require(can_mark_action_done(actor, meeting, action), RUN_REFUSED)
    if action.meeting_id != meeting.pk:
        raise ValidationError("That action is not on this meeting's plan.")
    locked = MeetingAction.objects.select_for_update().get(pk=action.pk)
    if locked.done_at is not None:
        return locked
    if locked.carried_to_id is not None:
        raise ValidationError("This action was carried forward; mark it done on the next meeting.")
    before = snapshot(locked)
    locked.done_at = timezone.now()
    locked.done_by = actor
    locked.save(update_fields=["done_at", "done_by", "updated_at"])
    _change(actor, locked, meeting, before)
    return locked


@transaction.atomic
def meeting_follow_up(
    *,
    actor: Any,
    meeting: Meeting,
    starts_at: dt.datetime | None,
    venue: str = "",
    online_link: str = "",
) -> Meeting:
    """Arrange the next meeting in one step: same title, kind, chair, person and case; the same
    attendees (invited again); the open actions carried forward (the originals close, marked as
    carried, so nothing shows twice). Done and carried actions stay where they are."""
    _require_run(actor, meeting)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if Meeting.objects.filter(previous=locked).exists():
        raise ValidationError("The next meeting is already arranged.")
    if starts_at is None:
        raise ValidationError({"starts_at": "Enter the date and time of the next meeting."})
    if starts_at <= locked.starts_at:
        raise ValidationError({"starts_at": "The next meeting must be after this one."})
    place, link = _where(venue or locked.venue, online_link or locked.online_link)
    follow_up = Meeting.objects.create(
        title=locked.title,
        kind=locked.kind,
        starts_at=starts_at,
        venue=place,
        online_link=link,
        chair=locked.chair,
        person=locked.person,
        case=locked.case,
        previous=locked,
        created_by=actor,
    )
    _change(actor, follow_up, follow_up, None)
    Attendee.objects.bulk_create(
        [
            Attendee(meeting=follow_up, staff_id=a.staff_id, agency_contact_id=a.agency_contact_id)
            for a in locked.attendees.order_by("id")
        ]
    )
    AgendaItem.objects.create(meeting=follow_up, position=1, title="Actions from the last meeting")
    for action in (
        locked.actions.filter(open_actions_q()).select_for_update().order_by("due_on", "id")
    ):
        carried = MeetingAction.objects.create(
            meeting=follow_up,
            title=action.title,
            owner_id=action.owner_id,
            agency_contact_id=action.agency_contact_id,
            due_on=action.due_on,
        )
        _change(actor, carried, follow_up, None)
        before = snapshot(action)
        action.carried_to = follow_up
        action.save(update_fields=["carried_to", "updated_at"])
        _change(actor, action, locked, before)
    return follow_up


def meeting_viewed(*, actor: Any, meeting: Meeting, what: str) -> AuditEvent | None:
    """A meeting about a person holds risks to them: every view is audited."""
    if meeting.person_id is None and meeting.case_id is None:
        return None
    if not can_see_meeting(actor, meeting):
        return None
    return record_view(actor=actor, instance=meeting, what=what, person_id=meeting.person_id)
