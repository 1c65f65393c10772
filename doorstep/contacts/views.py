"""Duty desk, contact log, call-backs, duty rota and team board pages.

Thin views: parse, call a service or selector, render a page or an htmx partial. The forms open
in the base template's modal when requested by htmx, and work as full pages without it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from doorstep.contacts import selectors, services
from doorstep.contacts.forms import (
    AttemptForm,
    CallBackFilterForm,
    CallBackForm,
    CompleteForm,
    ContactForm,
    DutyForm,
    ReassignForm,
)
from doorstep.contacts.models import CallBack, CallBackStatus, Contact
from doorstep.contacts.permissions import can_reassign_callback, can_work_callback
from doorstep.core.concurrency import version_initial
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest, safe_next_url, service_form
from doorstep.core.pagination import paginate
from doorstep.core.permissions import can_manage_team, can_take_calls, require
from doorstep.core.working_days import LONDON
from doorstep.people.arrangements import arrangements_for

CANNOT_WORK = "Only the officer or team this call-back is for, or their team leader, can do that."


# --- helpers ---------------------------------------------------------------------------------


PAGE = "contacts/form_page.html"


def _subject_url(item: Contact | CallBack) -> str:
    if item.person is not None:
        return item.person.get_absolute_url()
    if item.home is not None:
        return item.home.get_absolute_url()
    return reverse("contacts:duty_desk")


def _prefill(request: AuthedHttpRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    if request.GET.get("person"):
        initial["person"] = request.GET["person"]
    if request.GET.get("home"):
        initial["home"] = request.GET["home"]
    if request.GET.get("case"):
        initial["case"] = request.GET["case"][:20]
    return initial


def _assignee(callback: CallBack) -> str:
    if callback.for_officer is not None:
        return callback.for_officer.full_name
    return callback.for_team.name if callback.for_team is not None else "no one"


def _due_text(callback: CallBack) -> str:
    return f"{callback.due_at.astimezone(LONDON):%a %-d %b %Y}"


# --- contacts --------------------------------------------------------------------------------


def _logged_message(contact: Contact) -> str:
    message = "Contact logged."
    if contact.follow_up_on:
        message += f" It will be on your My day from {contact.follow_up_on:%-d %b %Y}."
    return message


def contact_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_take_calls(request.user), "Only officers who take calls can log a contact.")
    if request.method == "POST":
        form = ContactForm(request.POST)
    else:
        form = ContactForm(initial=_prefill(request))
    return service_form(
        request,
        form=form,
        save=lambda data: services.contact_log(
            actor=request.user,
            channel=data["channel"],
            direction=data["direction"],
            summary=data["summary"],
            person=data["person_obj"],
            home=data["home_obj"],
            follow_up_on=data["follow_up_on"],
            case=data.get("case_obj"),
        ),
        message=_logged_message,
        redirect_to=lambda contact: safe_next_url(request, _subject_url(contact)),
        page=PAGE,
        partial="contacts/partials/contact_form.html",
        title="Log a contact",
        context=lambda: {
            "action": reverse("contacts:contact_create"),
            "next": safe_next_url(request, ""),
            "arrangements": arrangements_for(form.prefilled_person)
            if form.prefilled_person
            else [],
        },
    )


@require_POST
def contact_follow_up_done(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_get(pk=pk)
    services.contact_follow_up_done(actor=request.user, contact=contact)
    messages.success(request, "Follow-up marked as done.")
    return redirect(safe_next_url(request, reverse("myday:my_day")))


# --- duty desk -------------------------------------------------------------------------------


def duty_desk(request: AuthedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "duty": selectors.duty_today(today=today),
        "today": today,
        "now": timezone.now(),
        **paginate(request, selectors.unassigned_team_callbacks(today=today)),
    }
    return render(request, "contacts/duty_desk.html", context)


# --- call-backs ------------------------------------------------------------------------------


def callback_list(request: AuthedHttpRequest) -> HttpResponse:
    form = CallBackFilterForm(request.GET)
    filters = form.filters()
    callbacks = selectors.callbacks_for(user=request.user, filters=filters)
    base = reverse("contacts:callback_list")
    tabs = [
        {"label": label, "url": f"{base}?show={value}", "current": value == filters["show"]}
        for value, label in selectors.Show.choices
    ]
    context = {
        "form": form,
        "show": filters["show"],
        "tabs": tabs,
        "now": timezone.now(),
        **paginate(request, callbacks),
    }
    template = (
        "contacts/partials/callback_table.html" if request.htmx else "contacts/callback_list.html"
    )
    return render(request, template, context)


def callback_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_take_calls(request.user), "Only officers who take calls can leave a call-back.")
    if request.method == "POST":
        form = CallBackForm(request.POST)
    else:
        form = CallBackForm(initial=_prefill(request))
    return service_form(
        request,
        form=form,
        save=lambda data: services.callback_create(
            actor=request.user,
            phone=data["phone"],
            reason=data["reason"],
            for_officer=data["for_officer"],
            for_team=data["for_team"],
            person=data["person_obj"],
            home=data["home_obj"],
            caller_name=data["caller_name"],
        ),
        message=lambda callback: (
            f"Call-back left for {_assignee(callback)}, due by the end of {_due_text(callback)}."
        ),
        redirect_to=lambda callback: safe_next_url(
            request, reverse("contacts:callback_detail", args=[callback.pk])
        ),
        page=PAGE,
        partial="contacts/partials/callback_form.html",
        title="Leave a call-back",
        context=lambda: {
            "action": reverse("contacts:callback_create"),
            "next": safe_next_url(request, ""),
            "arrangements": arrangements_for(form.prefilled_person)
            if form.prefilled_person
            else [],
        },
    )


def callback_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    callback = selectors.callback_get(pk=pk)
    is_open = callback.status == CallBackStatus.OPEN
    context = {
        "callback": callback,
        "attempts": callback.attempts.all(),
        "arrangements": arrangements_for(callback.person) if callback.person else [],
        "is_open": is_open,
        "overdue": is_open and callback.due_at < timezone.now(),
        "can_work": is_open and can_work_callback(request.user, callback),
        "can_reassign": is_open and can_reassign_callback(request.user, callback),
    }
    return render(request, "contacts/callback_detail.html", context)


def _callback_context(callback: CallBack, action: str, **extra: Any) -> dict[str, Any]:
    return {
        "callback": callback,
        "arrangements": arrangements_for(callback.person) if callback.person else [],
        "action": reverse(action, args=[callback.pk]),
        "cancel_url": reverse("contacts:callback_detail", args=[callback.pk]),
        **extra,
    }


def callback_attempt(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    callback = selectors.callback_get(pk=pk)
    require(can_work_callback(request.user, callback), CANNOT_WORK)
    return service_form(
        request,
        form=AttemptForm(request.POST) if request.method == "POST" else AttemptForm(),
        save=lambda data: services.callback_attempt(
            actor=request.user, callback=callback, outcome=data["outcome"], note=data["note"]
        ),
        message="Attempt recorded. The call-back stays open until you mark it done.",
        redirect_to=reverse("contacts:callback_detail", args=[pk]),
        page=PAGE,
        partial="contacts/partials/attempt_form.html",
        title="Record an attempt",
        context=lambda: _callback_context(callback, "contacts:callback_attempt"),
    )


def callback_complete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    callback = selectors.callback_get(pk=pk)
    require(can_work_callback(request.user, callback), CANNOT_WORK)
    form = (
        CompleteForm(request.POST)
        if request.method == "POST"
        else CompleteForm(initial=version_initial(callback))
    )
    return service_form(
        request,
        form=form,
        save=lambda data: services.callback_complete(
            actor=request.user,
            callback=callback,
            outcome=data["outcome"],
            expected_version=form.expected_version,
        ),
        message="Call-back marked as done.",
        redirect_to=safe_next_url(request, reverse("contacts:callback_detail", args=[pk])),
        page=PAGE,
        partial="contacts/partials/complete_form.html",
        title="Mark the call-back as done",
        context=lambda: _callback_context(
            callback, "contacts:callback_complete", next=safe_next_url(request, "")
        ),
    )


def callback_reassign(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    callback = selectors.callback_get(pk=pk)
    require(
        can_reassign_callback(request.user, callback),
        "Only the officer it is for, their team leader or a manager can reassign this call-back.",
    )
    form = (
        ReassignForm(request.POST)
        if request.method == "POST"
        else ReassignForm(initial=version_initial(callback))
    )
    return service_form(
        request,
        form=form,
        save=lambda data: services.callback_reassign(
            actor=request.user,
            callback=callback,
            for_officer=data["for_officer"],
            for_team=data["for_team"],
            expected_version=form.expected_version,
        ),
        message=lambda updated: f"Call-back reassigned to {_assignee(updated)}.",
        redirect_to=reverse("contacts:callback_detail", args=[pk]),
        page=PAGE,
        partial="contacts/partials/reassign_form.html",
        title="Reassign the call-back",
        # After a refused save, "Now for" says who has it now.
        context=lambda: _callback_context(
            selectors.callback_get(pk=pk) if form.is_bound else callback,
            "contacts:callback_reassign",
        ),
    )


# --- duty rota and team board ----------------------------------------------------------------


def duty_rota(request: AuthedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    team_pk = str(request.GET.get("team") or request.user.team_id or "")
    team = selectors.team_get(pk=int(team_pk)) if team_pk.isdigit() else None
    can_edit = team is not None and can_manage_team(request.user, team)
    form: DutyForm | None = None
    if request.method == "POST":
        require(can_edit, "Only the team leader or a manager can set the duty rota.")
        assert team is not None
        form = DutyForm(request.POST, team=team)
        if form.is_valid():
            try:
                shift = services.duty_set(
                    actor=request.user,
                    team=team,
                    date=form.cleaned_data["date"],
                    officer=form.cleaned_data["officer"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                day = f"{form.cleaned_data['date']:%A %-d %B}"
                messages.success(
                    request,
                    f"{shift.officer.full_name} is the duty officer on {day}."
                    if shift
                    else f"No one is on duty on {day} now.",
                )
                return redirect(f"{reverse('contacts:duty_rota')}?team={team.pk}")
    elif can_edit and team is not None:
        form = DutyForm(team=team, initial={"date": request.GET.get("date") or today})
    context = {
        "team": team,
        "teams": selectors.all_teams(),
        "rota": selectors.duty_rota(team=team, start=today) if team else [],
        "form": form,
        "can_edit": can_edit,
        "today": today,
    }
    return render(request, "contacts/duty_rota.html", context)


def team_board(request: AuthedHttpRequest) -> HttpResponse:
    teams = list(selectors.manageable_teams(user=request.user))
    require(bool(teams), "Only team leaders and managers can see the team board.")
    wanted = request.GET.get("team", "")
    team = (
        next((t for t in teams if str(t.pk) == wanted), None)
        or next((t for t in teams if t.pk == request.user.team_id), None)
        or teams[0]
    )
    board = selectors.team_board(user=request.user, team=team, now=timezone.now())
    context = {
        "board": board,
        "team": team,
        "teams": teams,
        "now": timezone.now(),
        **paginate(request, board.overdue),
    }
    return render(request, "contacts/team_board.html", context)
