"""Multi-agency meeting pages. Thin: parse, check permission, call a service or selector,
render. A meeting about a restricted case is refused to anyone who may not see the case."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorstep.cases.permissions import can_see_case
from doorstep.cases.selectors import case_get
from doorstep.core.concurrency import ConflictRow, EditConflict, show_conflict, version_initial
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest, safe_next_url
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.meetings import selectors, services
from doorstep.meetings.forms import (
    ActionForm,
    AgendaItemForm,
    AttendanceForm,
    AttendeeForm,
    FollowUpForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
)
from doorstep.meetings.models import Meeting, MeetingKind
from doorstep.meetings.pdf import minutes_pdf_bytes
from doorstep.meetings.permissions import can_arrange_meeting, can_run_meeting
from doorstep.people.selectors import person_get


def _landlord() -> str:
    return getattr(settings, "DOORSTEP_LANDLORD_NAME", "") or settings.DOORSTEP_NAME


def _runnable(request: AuthedHttpRequest, pk: int) -> Meeting:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    require(can_run_meeting(request.user, meeting), services.RUN_REFUSED)
    return meeting


@require_GET
def meeting_list(request: AuthedHttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET or None)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    meetings = selectors.meeting_list(
        user=request.user,
        kind=filters.get("kind", ""),
        when=filters.get("when", ""),
        mine=bool(filters.get("mine")),
        now=timezone.now(),
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "form": form,
            "can_arrange": can_arrange_meeting(request.user),
            **paginate(request, meetings),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_arrange_meeting(request.user), services.ARRANGE_REFUSED)
    person = case = None
    kind = ""
    if request.GET.get("case"):
        case = case_get(reference=request.GET["case"].strip())
        if not can_see_case(request.user, case):
            raise Http404("No such case.")
        kind = MeetingKind.SELF_NEGLECT if case.case_type in {"self_neglect", "hoarding"} else ""
    elif request.GET.get("person"):
        person = person_get(reference=request.GET["person"].strip())
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        initial=MeetingForm.initial_for(user=request.user, now=timezone.now(), kind=kind),
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_arrange(
                actor=request.user, person=person, case=case, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Meeting arranged for {meeting.starts_at:%d %b %Y}.")
            return redirect(meeting)
    return render(
        request, "meetings/meeting_form.html", {"form": form, "person": person, "case": case}
    )


@require_GET
def meeting_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    page = selectors.meeting_page(user=request.user, meeting=meeting)
    services.meeting_viewed(actor=request.user, meeting=meeting, what="meeting page")
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "page": page,
            "agenda_form": AgendaItemForm(),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_minutes(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    meeting = _runnable(request, pk)
    if meeting.minutes_are_final:
        messages.error(request, services.FINAL)
        return redirect(meeting)
    form = MinutesForm(
        request.POST if request.method == "POST" else None,
        initial={
            "minutes": meeting.minutes,
            "decisions": meeting.decisions,
            "risks_to_person": meeting.risks_to_person,
            "risks_to_neighbours": meeting.risks_to_neighbours,
            **version_initial(meeting),
        },
    )
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        finalise = request.POST.get("save") == "final"
        try:
            services.minutes_save(
                actor=request.user,
                meeting=meeting,
                finalise=finalise,
                expected_version=form.expected_version,
                **form.cleaned_data,
            )
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if finalise:
                messages.success(request, "Minutes finalised.")
                return redirect(meeting)
            messages.success(request, "Draft saved. The minutes stay a draft until finalised.")
            return redirect("meetings:meeting_minutes", pk=meeting.pk)
    if request.method == "GET":
        services.meeting_viewed(actor=request.user, meeting=meeting, what="meeting minutes")
    return render(
        request,
        "meetings/minutes_form.html",
        {"form": form, "meeting": meeting, "conflict_rows": conflict_rows},
    )


@require_POST
def agenda_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    meeting = _runnable(request, pk)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_add(
                actor=request.user, meeting=meeting, title=form.cleaned_data["title"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Agenda item added.")
    else:
        messages.error(request, "Enter the agenda item, in 200 characters or fewer.")
    return redirect(meeting)


def _form_page(
    request: AuthedHttpRequest, meeting: Meeting, *, form: Any, title: str, button: str
) -> HttpResponse:
    return render(
        request,
        "meetings/form_page.html",
        {"meeting": meeting, "form": form, "title": title, "button": button},
    )


@require_http_methods(["GET", "POST"])
def attendee_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    meeting = _runnable(request, pk)
    form = AttendeeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            attendee = services.attendee_add(
                actor=request.user, meeting=meeting, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{attendee.name} invited.")
            return redirect(meeting)
    return _form_page(request, meeting, form=form, title="Invite someone", button="Invite")


@require_POST
def attendance(request: AuthedHttpRequest, pk: int, attendee_pk: int) -> HttpResponse:
    meeting = _runnable(request, pk)
    attendee = selectors.attendee_get(meeting=meeting, pk=attendee_pk)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        services.attendance_record(
            actor=request.user,
            meeting=meeting,
            attendee=attendee,
            attendance=form.cleaned_data["attendance"],
        )
        messages.success(request, f"Attendance recorded for {attendee.name}.")
    else:
        messages.error(request, "Select whether they attended.")
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
def action_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    meeting = _runnable(request, pk)
    form = ActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_add(
                actor=request.user, meeting=meeting, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Action added for {action.owner_name}.")
            return redirect(meeting)
    return _form_page(request, meeting, form=form, title="Add an action", button="Add action")


@require_POST
def action_done(request: AuthedHttpRequest, pk: int, action_pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    action = selectors.action_get(meeting=meeting, pk=action_pk)
    try:
        services.action_done(actor=request.user, meeting=meeting, action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Action done: {action.title}")
    return redirect(safe_next_url(request, meeting.get_absolute_url()))


@require_http_methods(["GET", "POST"])
def meeting_follow_up(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    meeting = _runnable(request, pk)
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = services.meeting_follow_up(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Next meeting arranged for {follow_up.starts_at:%d %b %Y}, with the same "
                "attendees and the open actions carried forward.",
            )
            return redirect(follow_up)
    return _form_page(
        request, meeting, form=form, title="Arrange the next meeting", button="Arrange"
    )


@require_GET
def minutes_pdf(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    page = selectors.meeting_page(user=request.user, meeting=meeting)
    services.meeting_viewed(actor=request.user, meeting=meeting, what="meeting minutes (PDF)")
    pdf = minutes_pdf_bytes(page, landlord=_landlord(), printed_by=request.user, now=timezone.now())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="meeting-{meeting.pk}-minutes.pdf"'
    response["Cache-Control"] = "no-store"
    return response
