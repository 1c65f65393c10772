"""Reads for multi-agency meetings: only the meetings the user may see, in a fixed number of
queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from doorstep.cases.permissions import visible_case_q
from doorstep.core.working_days import add_working_days
from doorstep.meetings.models import Attendance, Attendee, Meeting, MeetingAction
from doorstep.meetings.permissions import (
    can_arrange_meeting,
    can_run_meeting,
    can_see_meeting,
    visible_meetings_q,
)

RESTRICTED = "This meeting is about a restricted case. Ask the case's lead officer."


def open_actions_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}done_at__isnull": True, f"{prefix}carried_to__isnull": True})


def meeting_list(
    *, user: Any, kind: str = "", when: str = "", mine: bool = False, now: dt.datetime
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(visible_meetings_q(user))
    if kind:
        meetings = meetings.filter(kind=kind)
    if when == "upcoming":
        meetings = meetings.filter(starts_at__gte=now)
    elif when == "past":
        meetings = meetings.filter(starts_at__lt=now)
    if mine:
        meetings = meetings.filter(
            Q(chair_id=user.pk)
            | Q(pk__in=Attendee.objects.filter(staff_id=user.pk).values("meeting_id"))
        )
    order = ["starts_at", "id"] if when == "upcoming" else ["-starts_at", "-id"]
    return (
        meetings.select_related("chair", "person", "case")
        .annotate(open_actions=Count("actions", filter=open_actions_q("actions__"), distinct=True))
        .order_by(*order)
    )


def meeting_get(*, user: Any, pk: int) -> Meeting:
    """The meeting, or 404; refused when it is about a case the user may not see."""
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "chair",
            "person",
            "case__lead_officer",
            "case__team",
            "case__patch__team",
            "created_by",
            "minutes_finalised_by",
            "previous",
        ),
        pk=pk,
    )
    if not can_see_meeting(user, meeting):
        raise PermissionDenied(RESTRICTED)
    return meeting


def attendees_of(*, meeting: Meeting) -> list[Attendee]:
    return list(
        Attendee.objects.filter(meeting=meeting).select_related("staff", "agency_contact__agency")
    )


def actions_of(*, meeting: Meeting) -> list[MeetingAction]:
    return list(
        MeetingAction.objects.filter(meeting=meeting).select_related(
            "owner", "agency_contact__agency", "done_by", "carried_to"
        )
    )


@dataclass
class MeetingPage:
    meeting: Meeting
    attendees: list[Attendee]
    agenda: list[Any]
    actions: list[MeetingAction]
    next_meeting: Meeting | None
    can_run: bool
    # Risks to the person and to neighbours: only when the person or case is visible.
    show_risks: bool
    today: dt.date

    @property
    def open_actions(self) -> list[MeetingAction]:
        return [a for a in self.actions if a.is_open]

    @property
    def attended(self) -> list[Attendee]:
        return [a for a in self.attendees if a.attendance == Attendance.ATTENDED]

    @property
    def apologies(self) -> list[Attendee]:
        return [a for a in self.attendees if a.attendance == Attendance.APOLOGIES]


def meeting_page(*, user: Any, meeting: Meeting) -> MeetingPage:
    attendees = attendees_of(meeting=meeting)
    staff_ids = frozenset(a.staff_id for a in attendees if a.staff_id is not None)
    next_meeting = Meeting.objects.filter(previous=meeting).first()
    return MeetingPage(
        meeting=meeting,
        attendees=attendees,
        agenda=list(meeting.agenda.all()),
        actions=actions_of(meeting=meeting),
        next_meeting=next_meeting,
        can_run=can_run_meeting(user, meeting, staff_ids=staff_ids),
        show_risks=can_see_meeting(user, meeting),
        today=timezone.localdate(),
    )


def case_meetings_query(case: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(case=case).select_related("chair").order_by("-starts_at", "-id")


def case_panel_context(*, user: Any, case: Any) -> dict[str, Any]:
    """The meetings panel on a case page (one query; none when the case page found no
    meeting): the case page has already checked the user may see the case."""
    from doorstep.cases.registry import panel_rows

    return {
        "case_meetings": panel_rows(case, "case_meetings", case_meetings_query(case)),
        "meetings_can_arrange": can_arrange_meeting(user),
    }


def meetings_for_person(*, user: Any, person: Any) -> list[Meeting]:
    """Meetings about the person that the user may see (one query)."""
    return list(
        Meeting.objects.filter(visible_meetings_q(user), person=person)
        .select_related("chair", "case")
        .order_by("-starts_at", "-id")
    )


def actions_due(*, user: Any, today: dt.date) -> QuerySet[MeetingAction]:
    """For My day: open actions the user owns, due by the end of the next working day, on
    meetings the user may see."""
    horizon = add_working_days(today, 1)
    case_q = visible_case_q(user, prefix="meeting__case__")
    visible = (Q(meeting__case__isnull=True) | case_q) if case_q else Q()
    return (
        MeetingAction.objects.filter(
            open_actions_q(), visible, owner_id=user.pk, due_on__lte=horizon
        )
        .select_related("meeting")
        .order_by("due_on", "id")
    )


def agency_actions_overdue(*, user: Any, today: dt.date) -> QuerySet[MeetingAction]:
    """For the chair's My day: open actions owned by an agency contact, past their due date, on
    meetings the user chairs."""
    return (
        MeetingAction.objects.filter(
            open_actions_q(),
            meeting__chair_id=user.pk,
            agency_contact__isnull=False,
            due_on__lt=today,
        )
        .select_related("meeting", "agency_contact__agency")
        .order_by("due_on", "id")
    )


def action_get(*, meeting: Meeting, pk: int) -> MeetingAction:
    return get_object_or_404(MeetingAction, meeting=meeting, pk=pk)


def attendee_get(*, meeting: Meeting, pk: int) -> Attendee:
    return get_object_or_404(Attendee, meeting=meeting, pk=pk)
