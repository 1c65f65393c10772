"""The check-in board, priorities, caseload and "move a colleague" pages. Thin: parse, call a
selector or service, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from doorstep.contacts.selectors import manageable_teams
from doorstep.core.concurrency import CONFLICT_MESSAGE, ConflictRow, EditConflict, show_conflict
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import is_read_only, require
from doorstep.teams import selectors, services
from doorstep.teams.forms import BoardForm, CheckInForm, MoveForm, PrioritiesForm, TeamChoiceForm
from doorstep.teams.models import SplitRule
from doorstep.teams.permissions import (
    can_move_work,
    can_set_check_in,
    can_set_priorities,
    can_undo,
    managed_team_ids,
)
from doorstep.teams.reassign import kinds


def _board_url(office_id: int | None, date: dt.date) -> str:
    url = reverse("teams:board")
    params = [f"date={date.isoformat()}"]
    if office_id:
        params.insert(0, f"office={office_id}")
    return f"{url}?{'&'.join(params)}"


def _date_from(request: AuthedHttpRequest) -> dt.date:
    raw = request.POST.get("date") or request.GET.get("date") or ""
    if not raw:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise Http404("No such date.") from exc


# --- the check-in board ----------------------------------------------------------------------


def board(request: AuthedHttpRequest) -> HttpResponse:
    form = BoardForm(request.GET or None)
    office = None
    date = timezone.localdate()
    if form.is_bound and form.is_valid():
        office = form.cleaned_data["office"]
        date = form.cleaned_data["date"] or date
    if office is None:
        office = selectors.default_office(user=request.user)
    if office is None:
        raise Http404("There are no offices yet.")
    if not form.is_bound:
        form = BoardForm(initial={"office": office, "date": date})
    context = {
        "form": form,
        "board": selectors.check_in_board(user=request.user, office=office, date=date),
        "today": timezone.localdate(),
        "previous_day": _board_url(office.pk, date - dt.timedelta(days=1)),
        "next_day": _board_url(office.pk, date + dt.timedelta(days=1)),
        "runs_a_team": bool(managed_team_ids(request.user)),
    }
    return render(request, "teams/board.html", context)


@require_http_methods(["GET", "POST"])
def check_in(request: AuthedHttpRequest, member_pk: int | None = None) -> HttpResponse:
    member = selectors.member_get(pk=member_pk) if member_pk else request.user
    require(
        can_set_check_in(request.user, member),
        "You can set your own check-in; team leaders set their team's.",
    )
    date = _date_from(request)
    existing = selectors.check_in_get(member=member, date=date)
    office_id = member.team.office_id if member.team is not None else None
    back = _board_url(office_id, date)
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                services.check_in_set(
                    actor=request.user,
                    member=member,
                    date=date,
                    expected_version=form.expected_version,
                    **form.cleaned_data,
                )
            except EditConflict as conflict:
                conflict_rows = show_conflict(form, conflict)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                who = "Your" if member.pk == request.user.pk else f"{member.full_name}'s"
                messages.success(request, f"{who} check-in for {date:%A %-d %B} is saved.")
                return redirect(back)
    else:
        initial: dict[str, Any] = {"version": services.check_in_version(existing)}
        if existing:
            initial |= {
                "whereabouts": existing.whereabouts,
                "where": existing.where,
                "absence_reason": existing.absence_reason,
            }
        form = CheckInForm(initial=initial)
    context = {
        "form": form,
        "member": member,
        "date": date,
        "back": back,
        "own": member.pk == request.user.pk,
        "conflict_rows": conflict_rows,
    }
    return render(request, "teams/check_in.html", context)


@require_http_methods(["GET", "POST"])
def priorities(request: AuthedHttpRequest, team_pk: int) -> HttpResponse:
    team = selectors.team_get(pk=team_pk)
    require(
        can_set_priorities(request.user, team),
        "Only the team leader or a manager can set priorities.",
    )
    date = _date_from(request)
    back = _board_url(team.office_id, date)
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST":
        form = PrioritiesForm(request.POST)
        if form.is_valid():
            try:
                services.priorities_set(
                    actor=request.user,
                    team=team,
                    date=date,
                    texts=form.lines(),
                    expected_version=form.expected_version,
                )
            except services.PrioritiesChanged as conflict:
                conflict_rows = _priorities_conflict(form, conflict)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Priorities for {team.name} saved.")
                return redirect(back)
    else:
        current = selectors.priorities_for(team=team, date=date)
        form = PrioritiesForm(
            initial={
                "priorities": "\n".join(p.text for p in current),
                "version": services.priorities_version(current),
            }
        )
    return render(
        request,
        "teams/priorities.html",
        {"form": form, "team": team, "date": date, "back": back, "conflict_rows": conflict_rows},
    )


def _priorities_conflict(
    form: PrioritiesForm, conflict: services.PrioritiesChanged
) -> list[ConflictRow]:
    """As `show_conflict`, for a list saved as one: both lists side by side, the typed one
    kept, and the form now against the list saved since."""
    form.add_error(None, CONFLICT_MESSAGE)
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict from the POST
    data["version"] = conflict.version
    form.data = data
    theirs = "\n".join(p.text for p in conflict.current) or "(blank)"
    yours = "\n".join(line.strip() for line in form.lines() if line.strip()) or "(blank)"
    return [ConflictRow(label=str(form.fields["priorities"].label), theirs=theirs, yours=yours)]


# --- caseload --------------------------------------------------------------------------------


def caseload(request: AuthedHttpRequest) -> HttpResponse:
    teams = manageable_teams(user=request.user).order_by("office__name", "name")
    choices = list(teams)
    require(bool(choices), "Only team leaders and managers can see the caseload.")
    form = TeamChoiceForm(request.GET or None, teams=teams)
    team = None
    if form.is_bound and form.is_valid():
        team = form.cleaned_data["team"]
    team = team or next((t for t in choices if t.pk == request.user.team_id), choices[0])
    loads = selectors.caseload(
        user=request.user, team=team, today=timezone.localdate(), now=timezone.now()
    )
    return render(
        request,
        "teams/caseload.html",
        {"form": form, "team": team, "teams": choices, "loads": loads},
    )


# --- move a colleague ------------------------------------------------------------------------


def _move_form(request: AuthedHttpRequest, data: Any = None) -> MoveForm:
    staff = selectors.movable_staff(user=request.user)
    initial = {}
    wanted = request.GET.get("from", "")
    if wanted.isdigit():
        initial["from_user"] = int(wanted)
    return MoveForm(data, staff=staff, teams=selectors.all_teams(), initial=initial)


@require_http_methods(["GET", "POST"])
def move(request: AuthedHttpRequest) -> HttpResponse:
    require(
        bool(managed_team_ids(request.user)) and not is_read_only(request.user),
        "Only team leaders and managers can move a colleague's work.",
    )
    form = _move_form(request, request.POST if request.method == "POST" else None)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        from_user = data["from_user"]
        receivers = list(data["receivers"])
        require(can_move_work(request.user, from_user), "You cannot move their work.")
        if "apply" in request.POST:
            try:
                reassignment = services.reassignment_apply(
                    actor=request.user,
                    from_user=from_user,
                    receivers=receivers,
                    rule=data["rule"],
                    patch_receivers=form.patch_receivers(),
                    new_team=data["new_team"],
                    expected=request.POST.get("fingerprint", ""),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                count = reassignment.items.count()
                messages.success(
                    request,
                    f"{count} item{'' if count == 1 else 's'} of {from_user.full_name}'s work "
                    "moved. You can undo this from the log below.",
                )
                return redirect(reassignment.get_absolute_url())
        if not form.errors:
            try:
                services.reassignment_check(
                    actor=request.user,
                    from_user=from_user,
                    receivers=receivers,
                    rule=data["rule"],
                    new_team=data["new_team"],
                )
                preview = selectors.move_preview(
                    user=request.user,
                    from_user=from_user,
                    receivers=receivers,
                    rule=data["rule"],
                    patch_receivers=form.patch_receivers(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            except ValueError as exc:
                form.add_error("receivers", str(exc))
    context = {
        "form": form,
        "preview": preview,
        "by_patch": preview is not None and preview.rule == SplitRule.BY_PATCH,
    }
    return render(request, "teams/move.html", context)


def move_list(request: AuthedHttpRequest) -> HttpResponse:
    moves = selectors.reassignments_for(user=request.user)
    return render(request, "teams/move_list.html", paginate(request, moves))


def move_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    reassignment = selectors.reassignment_get(user=request.user, pk=pk)
    page = paginate(request, selectors.reassignment_items(reassignment=reassignment), 100)
    labels = {code: kind.label for code, kind in kinds().items()}
    for item in page["page_obj"]:
        item.kind_label = labels.get(item.kind, item.kind)
    context = {
        "move": reassignment,
        "can_undo": reassignment.undone_at is None and can_undo(request.user, reassignment),
        **page,
    }
    return render(request, "teams/move_detail.html", context)


@require_POST
def move_undo(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    reassignment = selectors.reassignment_get(user=request.user, pk=pk)
    try:
        result = services.reassignment_undo(actor=request.user, reassignment=reassignment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reassignment.get_absolute_url())
    text = f"{result.restored} item{'' if result.restored == 1 else 's'} moved back."
    if result.skipped:
        text += f" {len(result.skipped)} left where they are because they changed since."
    if result.team_restored:
        text += " They are back in their old team."
    elif result.team_note:
        text += f" {result.team_note}"
    messages.success(request, text)
    return redirect(reassignment.get_absolute_url())
