"""The kinds of work that exist today and move with a colleague: cases they lead, case actions
they own, call-backs for them and patches they look after. Registered in TeamsConfig.ready();
later apps (welfare programmes, inspection schedules, …) register their own kinds.

Labels carry references, never a resident's name or a restricted case's summary: the preview
and the log are read by team leaders who may not be on a restricted case's team.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from doorstep.cases.models import Case, CaseAction, CaseEvent, CaseStatus, EventKind
from doorstep.contacts.models import CallBack, CallBackStatus
from doorstep.core.working_days import LONDON
from doorstep.places.models import Patch
from doorstep.teams.reassign import PATCH_KIND, ModelReassignable


def _case_label(case: Case) -> str:
    restricted = " (restricted)" if case.restricted else ""
    return f"{case.reference}: {case.get_case_type_display()}{restricted}"


def _case_team(case: Case, to_user: Any) -> dict[str, Any]:
    # As when a lead officer is changed on the case page: the case goes to their team.
    if to_user.team_id and to_user.team_id != case.team_id:
        return {"team_id": to_user.team_id}
    return {}


def _timeline(case: Case, actor: Any, text: str) -> None:
    CaseEvent.objects.create(case=case, kind=EventKind.NOTE, text=text, at=timezone.now(), by=actor)


def _lead_moved(*, row: Case, actor: Any, from_user: Any, to_user: Any) -> None:
    _timeline(
        row,
        actor,
        f"Lead officer is now {to_user.full_name} (work moved from {from_user.full_name}).",
    )


def _action_moved(*, row: CaseAction, actor: Any, from_user: Any, to_user: Any) -> None:
    _timeline(
        row.case,
        actor,
        f"Action {row.title!r} now with {to_user.full_name} "
        f"(work moved from {from_user.full_name}).",
    )


def _action_label(action: CaseAction) -> str:
    if action.case.restricted:
        return f"Action on {action.case.reference} (restricted), due {action.due_on:%-d %b %Y}"
    return f"{action.title} ({action.case.reference}), due {action.due_on:%-d %b %Y}"


def _callback_label(callback: CallBack) -> str:
    return f"Call-back #{callback.pk}, due {callback.due_at.astimezone(LONDON):%-d %b %Y %H:%M}"


CASE_LEAD = ModelReassignable(
    kind="case_lead",
    label="Open cases they lead",
    model=Case,
    owner_field="lead_officer",
    open_q=~Q(status=CaseStatus.CLOSED),
    label_of=_case_label,
    url_of=lambda case: case.get_absolute_url(),
    patch_of=lambda case: case.patch_id,
    also_change=_case_team,
    after_move=_lead_moved,
)

CASE_ACTIONS = ModelReassignable(
    kind="case_actions",
    label="Open case actions they own",
    model=CaseAction,
    owner_field="owner",
    open_q=Q(done_at__isnull=True) & ~Q(case__status=CaseStatus.CLOSED),
    related=["case"],
    label_of=_action_label,
    url_of=lambda action: action.case.get_absolute_url(),
    patch_of=lambda action: action.case.patch_id,
    after_move=_action_moved,
)

CALLBACKS = ModelReassignable(
    kind="callbacks",
    label="Open call-backs for them",
    model=CallBack,
    owner_field="for_officer",
    open_q=Q(status=CallBackStatus.OPEN),
    related=["home"],
    label_of=_callback_label,
    url_of=lambda callback: reverse("contacts:callback_detail", args=[callback.pk]),
    patch_of=lambda callback: callback.home.patch_id if callback.home else None,
)

PATCHES = ModelReassignable(
    kind=PATCH_KIND,
    label="Patches they look after",
    model=Patch,
    owner_field="officer",
    label_of=lambda patch: f"{patch.name} patch",
    patch_of=lambda patch: patch.pk,
)

KINDS = [CASE_LEAD, CASE_ACTIONS, CALLBACKS, PATCHES]
