"""Community Champions, events and the community calendar. Thin views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from doorstep.community import selectors, services
from doorstep.community.calendar import month_start, shift_month
from doorstep.community.forms import (
    ChampionForm,
    EventForm,
    OutcomeForm,
    PhotoForm,
    SignUpForm,
    TaskForm,
)
from doorstep.community.models import Event
from doorstep.community.permissions import can_edit_community
from doorstep.core.concurrency import ConflictRow, EditConflict, show_conflict, version_initial
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require


def _form_page(
    request: AuthedHttpRequest,
    *,
    form: forms.Form,
    title: str,
    submit: str,
    back: str,
    handle: Callable[[dict[str, Any]], tuple[str, str]],
    multipart: bool = False,
) -> HttpResponse:
    """GET: the form. POST: validate and `handle`, or show the errors, or an edit conflict
    with both versions (a form with a `version` field, whose `handle` passes it on)."""
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            message, next_url = handle(form.cleaned_data)
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect(next_url)
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "back": back,
        "multipart": multipart,
        "conflict_rows": conflict_rows,
    }
    return render(request, "community/form.html", context)


def _require_edit(request: AuthedHttpRequest) -> None:
    require(can_edit_community(request.user), services.REFUSED)


# --- events ----------------------------------------------------------------------------------


def event_list(request: AuthedHttpRequest) -> HttpResponse:
    when = request.GET.get("when", selectors.When.UPCOMING)
    if when not in dict(selectors.When.choices):
        when = selectors.When.UPCOMING
    base = reverse("community:event_list")
    tabs = [
        {"label": label, "url": f"{base}?when={value}", "current": value == when}
        for value, label in selectors.When.choices
    ]
    context = {
        "tabs": tabs,
        "when": when,
        "can_edit": can_edit_community(request.user),
        **paginate(request, selectors.events_list(when=when)),
    }
    return render(request, "community/event_list.html", context)


def event_calendar(request: AuthedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    first = month_start(request.GET.get("month"), today)
    context = {
        "first": first,
        "weeks": selectors.month_calendar(first=first, today=today),
        "previous": shift_month(first, -1),
        "next": shift_month(first, 1),
        "day_names": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    }
    return render(request, "community/calendar.html", context)


def _event_form(request: AuthedHttpRequest, event: Event | None = None) -> EventForm:
    initial: dict[str, Any] = {}
    if event is not None:
        initial = {
            "title": event.title,
            "kind": event.kind,
            "description": event.description,
            "venue": event.venue,
            "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M"),
            "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%d %H:%M")
            if event.ends_at
            else "",
            "office": event.office_id,
            "estate": event.estate_id,
            "organiser": event.organiser_id,
            "champions": [c.pk for c in event.champions.all()],
            **version_initial(event),
        }
    else:
        initial = {"organiser": request.user.pk}
        if request.user.team_id:
            initial["office"] = request.user.team.office_id  # type: ignore[union-attr]
    return EventForm(
        request.POST or None,
        staff=selectors.staff_choices(),
        champions=selectors.current_champions(),
        initial=initial,
    )


@require_http_methods(["GET", "POST"])
def event_create(request: AuthedHttpRequest) -> HttpResponse:
    _require_edit(request)

    def handle(data: dict[str, Any]) -> tuple[str, str]:
        event = services.event_create(actor=request.user, **data)
        return f"{event.title} added to the calendar.", event.get_absolute_url()

    return _form_page(
        request,
        form=_event_form(request),
        title="Plan an event",
        submit="Add the event",
        back=reverse("community:event_list"),
        handle=handle,
    )


@require_http_methods(["GET", "POST"])
def event_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    _require_edit(request)
    event = selectors.event_get(pk=pk)
    form = _event_form(request, event)

    def handle(data: dict[str, Any]) -> tuple[str, str]:
        services.event_update(
            actor=request.user, event=event, expected_version=form.expected_version, **data
        )
        return "Event saved.", event.get_absolute_url()

    return _form_page(
        request,
        form=form,
        title=f"Change {event.title}",
        submit="Save changes",
        back=event.get_absolute_url(),
        handle=handle,
    )


def event_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(pk=pk)
    older_only = request.GET.get("older") == "1"
    context = {
        "event": event,
        "older_only": older_only,
        "can_edit": can_edit_community(request.user),
        "started": event.starts_at <= timezone.now(),
        "today": timezone.localdate(),
        **paginate(request, selectors.sign_ups_for(event=event, older_only=older_only)),
    }
    return render(request, "community/event_detail.html", context)


@require_http_methods(["GET", "POST"])
def event_outcome(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    _require_edit(request)
    event = selectors.event_get(pk=pk)
    form = OutcomeForm(
        request.POST or None,
        initial={
            "outcome": event.outcome,
            "attendance": event.attendance,
            **version_initial(event),
        },
    )
    return _form_page(
        request,
        form=form,
        title=f"Outcome of {event.title}",
        submit="Save the outcome",
        back=event.get_absolute_url(),
        handle=lambda data: (
            services.event_outcome_record(
                actor=request.user, event=event, expected_version=form.expected_version, **data
            ).title
            + ": outcome saved.",
            event.get_absolute_url(),
        ),
    )


@require_http_methods(["GET", "POST"])
def task_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    _require_edit(request)
    event = selectors.event_get(pk=pk)
    return _form_page(
        request,
        form=TaskForm(request.POST or None, staff=selectors.staff_choices()),
        title=f"Add a task for {event.title}",
        submit="Add the task",
        back=event.get_absolute_url(),
        handle=lambda data: (
            f"Task added for {services.task_add(actor=request.user, event=event, **data).owner}.",
            event.get_absolute_url(),
        ),
    )


@require_POST
def task_done(request: AuthedHttpRequest, pk: int, task_pk: int) -> HttpResponse:
    _require_edit(request)
    event = selectors.event_get(pk=pk)
    services.task_done(actor=request.user, task=selectors.task_get(event=event, pk=task_pk))
    messages.success(request, "Task marked as done.")
    return redirect(event.get_absolute_url())


@require_http_methods(["GET", "POST"])
def sign_up_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    _require_edit(request)
    event = selectors.event_get(pk=pk)
    return _form_page(
        request,
        form=SignUpForm(request.POST or None),
        title=f"Sign a resident up for {event.title}",
        submit="Sign them up",
        back=event.get_absolute_url(),
        handle=lambda data: (
            f"{services.sign_up_add(actor=request.user, event=event, **data).person.full_name}"
            " is signed up.",
            event.get_absolute_url(),
        ),
    )


@require_POST
def sign_up_remove(request: AuthedHttpRequest, pk: int, sign_up_pk: int) -> HttpResponse:
    _require_edit(request)
    event = selectors.event_get(pk=pk)
    sign_up = selectors.sign_up_get(event=event, pk=sign_up_pk)
    services.sign_up_remove(actor=request.user, sign_up=sign_up)
    messages.success(request, f"{sign_up.person.full_name} is no longer signed up.")
    return redirect(event.get_absolute_url())


@require_http_methods(["GET", "POST"])
def photo_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    _require_edit(request)
    event = selectors.event_get(pk=pk)

    def upload(data: dict[str, Any]) -> tuple[str, str]:
        services.photo_add(
            actor=request.user, event=event, uploaded_file=data["file"], caption=data["caption"]
        )
        return "Photo added.", event.get_absolute_url()

    return _form_page(
        request,
        form=PhotoForm(request.POST or None, request.FILES or None),
        title=f"Add a photo of {event.title}",
        submit="Upload photo",
        back=event.get_absolute_url(),
        multipart=True,
        handle=upload,
    )


def photo(request: AuthedHttpRequest, pk: int, photo_pk: int) -> FileResponse:
    """Serve an event photo to signed-in staff; never from a public media URL."""
    event = selectors.event_get(pk=pk)
    record = selectors.photo_get(event=event, pk=photo_pk)
    return FileResponse(record.file.open("rb"), content_type=record.content_type)


# --- champions -------------------------------------------------------------------------------


def champion_list(request: AuthedHttpRequest) -> HttpResponse:
    context = {
        "can_edit": can_edit_community(request.user),
        **paginate(request, selectors.champions_list()),
    }
    return render(request, "community/champion_list.html", context)


@require_http_methods(["GET", "POST"])
def champion_add(request: AuthedHttpRequest) -> HttpResponse:
    _require_edit(request)
    return _form_page(
        request,
        form=ChampionForm(request.POST or None),
        title="Add a Community Champion",
        submit="Add the champion",
        back=reverse("community:champion_list"),
        handle=lambda data: (
            f"{services.champion_add(actor=request.user, **data).person.full_name} is now a "
            "Community Champion.",
            reverse("community:champion_list"),
        ),
    )
