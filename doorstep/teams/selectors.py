"""Reads for the check-in board, the caseload, and moving a colleague's work.

Every selector uses a fixed number of queries, however many staff or items there are: the
board is five queries for an office of any size, the caseload four for a team.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from doorstep.accounts.models import User
from doorstep.accounts.roles import READ_ONLY_ROLES, Role
from doorstep.cases.models import Case, CaseAction, CaseStatus, CaseType
from doorstep.contacts.models import CallBack, CallBackStatus, DutyShift
from doorstep.core.permissions import can_manage_team, require
from doorstep.places.models import Office, Team
from doorstep.teams.models import (
    AbsenceReason,
    CheckIn,
    Priority,
    ReassignedItem,
    Reassignment,
    Whereabouts,
)
from doorstep.teams.permissions import (
    can_move_work,
    can_see_absence_reason,
    can_set_check_in,
    can_set_priorities,
    managed_team_ids,
)
from doorstep.teams.reassign import PATCH_KIND, Plan, WorkItem, kinds, plan_moves

NOT_RECORDED = "not_recorded"


# --- the check-in board ----------------------------------------------------------------------


def offices() -> QuerySet[Office]:
    return Office.objects.order_by("name")


def office_get(*, pk: int) -> Office:
    return get_object_or_404(Office, pk=pk)


def default_office(*, user: Any) -> Office | None:
    """The office of the user's team, else the first they manage, else the first."""
    if user.team_id:
        return Office.objects.filter(teams__pk=user.team_id).first()
    return (
        Office.objects.filter(managers=user).order_by("name").first()
        or Office.objects.order_by("name").first()
    )


@dataclass(frozen=True)
class BoardRow:
    member: User
    status: str  # a Whereabouts value, or NOT_RECORDED
    status_label: str
    where: str
    # The absence category when the viewer may see it; "" otherwise.
    reason: str
    on_duty: bool
    can_set: bool


@dataclass(frozen=True)
class TeamBoard:
    team: Team
    rows: list[BoardRow]
    priorities: list[Priority]
    duty_officer: User | None
    can_set_priorities: bool


@dataclass(frozen=True)
class CheckInBoard:
    office: Office
    date: dt.date
    teams: list[TeamBoard]
    counts: dict[str, int]

    @property
    def summary(self) -> list[tuple[str, int]]:
        labels = [*Whereabouts.choices, (NOT_RECORDED, "Not recorded")]
        return [(label, self.counts.get(value, 0)) for value, label in labels]


def check_in_board(*, user: Any, office: Office, date: dt.date) -> CheckInBoard:
    """Each member of staff in the office's teams on `date`: in the office, from home, out on
    visits (where), absent (a reason category, shown only to those who run their team) or not
    recorded; each team's priorities and duty officer. Five queries whatever the size."""
    members = Prefetch(
        "members",
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        to_attr="active_members",
    )
    priorities = Prefetch(
        "priorities",
        queryset=Priority.objects.filter(date=date).order_by("position", "id"),
        to_attr="day_priorities",
    )
    shifts = Prefetch(
        "duty_shifts",
        queryset=DutyShift.objects.filter(date=date).select_related("officer"),
        to_attr="day_shifts",
    )
    teams = list(
        Team.objects.filter(office=office)
        .select_related("office")
        .prefetch_related(members, priorities, shifts)
        .order_by("name")
    )
    check_ins = {
        check_in.user_id: check_in
        for check_in in CheckIn.objects.filter(date=date, user__team__office=office)
    }
    managed_team_ids(user)  # one query, cached for the permission checks below
    counts: Counter[str] = Counter()
    boards = []
    for team in teams:
        duty = team.day_shifts[0].officer if team.day_shifts else None
        rows = []
        for member in team.active_members:
            member.team = team  # the permission checks read member.team_id only
            check_in = check_ins.get(member.pk)
            status = check_in.whereabouts if check_in else NOT_RECORDED
            counts[status] += 1
            reason = ""
            if check_in and check_in.absence_reason and can_see_absence_reason(user, member):
                reason = AbsenceReason(check_in.absence_reason).label
            rows.append(
                BoardRow(
                    member=member,
                    status=status,
                    status_label=Whereabouts(status).label if check_in else "Not recorded",
                    where=check_in.where if check_in else "",
                    reason=reason,
                    on_duty=duty is not None and duty.pk == member.pk,
                    can_set=can_set_check_in(user, member),
                )
            )
        boards.append(
            TeamBoard(
                team=team,
                rows=rows,
                priorities=list(team.day_priorities),
                duty_officer=duty,
                can_set_priorities=can_set_priorities(user, team),
            )
        )
    return CheckInBoard(office=office, date=date, teams=boards, counts=dict(counts))


def check_in_get(*, member: User, date: dt.date) -> CheckIn | None:
    return CheckIn.objects.filter(user=member, date=date).first()


def member_get(*, pk: int) -> User:
    return get_object_or_404(User.objects.select_related("team", "team__office"), pk=pk)


def team_get(*, pk: int) -> Team:
    return get_object_or_404(Team.objects.select_related("office"), pk=pk)


def priorities_for(*, team: Team, date: dt.date) -> list[Priority]:
    return list(Priority.objects.filter(team=team, date=date).order_by("position", "id"))


# --- caseload --------------------------------------------------------------------------------


@dataclass
class OfficerCaseload:
    officer: User
    cases_by_type: dict[str, int] = field(default_factory=dict)
    open_actions: int = 0
    overdue_actions: int = 0
    open_callbacks: int = 0
    overdue_callbacks: int = 0

    @property
    def open_cases(self) -> int:
        return sum(self.cases_by_type.values())

    @property
    def case_types(self) -> list[tuple[str, int]]:
        return [(CaseType(code).label, count) for code, count in sorted(self.cases_by_type.items())]


def caseload(*, user: Any, team: Team, today: dt.date, now: dt.datetime) -> list[OfficerCaseload]:
    """Per officer of the team: open cases they lead by type, open and overdue actions they
    own, open and overdue call-backs for them. One grouped query per kind: four in all."""
    require(can_manage_team(user, team), "Only the team leader or a manager can see the caseload.")
    officers = list(User.objects.filter(team=team, is_active=True).order_by("full_name"))
    loads = {officer.pk: OfficerCaseload(officer=officer) for officer in officers}
    ids = list(loads)
    cases = (
        Case.objects.filter(lead_officer_id__in=ids)
        .exclude(status=CaseStatus.CLOSED)
        .values("lead_officer_id", "case_type")
        .annotate(n=Count("id"))
        .order_by()
    )
    for case_row in cases:
        loads[case_row["lead_officer_id"]].cases_by_type[case_row["case_type"]] = case_row["n"]
    actions = (
        CaseAction.objects.filter(owner_id__in=ids, done_at__isnull=True)
        .exclude(case__status=CaseStatus.CLOSED)
        .values("owner_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today)))
        .order_by()
    )
    for action_row in actions:
        loads[action_row["owner_id"]].open_actions = action_row["open"]
        loads[action_row["owner_id"]].overdue_actions = action_row["overdue"]
    callbacks = (
        CallBack.objects.filter(for_officer_id__in=ids, status=CallBackStatus.OPEN)
        .values("for_officer_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(due_at__lt=now)))
        .order_by()
    )
    for callback_row in callbacks:
        loads[callback_row["for_officer_id"]].open_callbacks = callback_row["open"]
        loads[callback_row["for_officer_id"]].overdue_callbacks = callback_row["overdue"]
    return [loads[officer.pk] for officer in officers]


# --- moving a colleague's work ---------------------------------------------------------------


def movable_staff(*, user: Any) -> QuerySet[User]:
    """Staff whose work `user` may move, and who may receive it: active members of the teams
    `user` runs, in roles that hold work (not the data protection officer)."""
    working_roles = [role for role in Role.values if role not in READ_ONLY_ROLES]
    return (
        User.objects.filter(
            team_id__in=managed_team_ids(user), is_active=True, groups__name__in=working_roles
        )
        .select_related("team", "team__office")
        .distinct()
        .order_by("full_name")
    )


def all_teams() -> QuerySet[Team]:
    return Team.objects.select_related("office").order_by("office__name", "name")


def work_held(*, user: Any) -> dict[str, list[WorkItem]]:
    """Everything `user` holds, by registered kind (a fixed number of queries per kind)."""
    return {code: kind.preview(user) for code, kind in kinds().items()}


@dataclass(frozen=True)
class PreviewLine:
    item: WorkItem
    receiver: User


@dataclass(frozen=True)
class PreviewGroup:
    kind: str
    label: str
    lines: list[PreviewLine]


@dataclass(frozen=True)
class MovePreview:
    from_user: User
    receivers: list[User]
    rule: str
    plan: Plan
    groups: list[PreviewGroup]
    patches: list[WorkItem]
    per_receiver: list[tuple[User, int]]

    @property
    def total(self) -> int:
        return len(self.plan.assignments)


def move_preview(
    *,
    user: Any,
    from_user: User,
    receivers: Sequence[User],
    rule: str,
    patch_receivers: Mapping[int, int] | None = None,
) -> MovePreview:
    """Exactly what would move, and to whom. Raises ValueError for an impossible split."""
    require(can_move_work(user, from_user), "Only their team leader or a manager can do that.")
    held = work_held(user=from_user)
    items = [item for group in held.values() for item in group]
    receiver_ids = [receiver.pk for receiver in receivers]
    plan = plan_moves(
        items=items, receivers=receiver_ids, rule=rule, patch_receivers=patch_receivers
    )
    by_id = {receiver.pk: receiver for receiver in receivers}
    registered = kinds()
    groups = [
        PreviewGroup(
            kind=code,
            label=registered[code].label,
            lines=[
                PreviewLine(
                    item=item, receiver=by_id[plan.assignments[(item.kind, item.object_id)]]
                )
                for item in group
            ],
        )
        for code, group in held.items()
    ]
    tally: defaultdict[int, int] = defaultdict(int)
    for receiver_id in plan.assignments.values():
        tally[receiver_id] += 1
    return MovePreview(
        from_user=from_user,
        receivers=list(receivers),
        rule=rule,
        plan=plan,
        groups=groups,
        patches=[item for item in items if item.kind == PATCH_KIND],
        per_receiver=[(receiver, tally[receiver.pk]) for receiver in receivers],
    )


def reassignments_for(*, user: Any) -> QuerySet[Reassignment]:
    """Moves `user` may read: those they made, those of teams they run; all for the DPO."""
    moves = (
        Reassignment.objects.order_by("-created_at", "-id")
        .select_related("from_user", "actor", "team_before", "team_after", "undone_by")
        .annotate(item_count=Count("items"))
    )
    if user.is_superuser or user.has_role(Role.DATA_PROTECTION_OFFICER):
        return moves
    return moves.filter(Q(actor=user) | Q(team_before_id__in=managed_team_ids(user)))


def reassignment_get(*, user: Any, pk: int) -> Reassignment:
    return get_object_or_404(reassignments_for(user=user), pk=pk)


def reassignment_items(*, reassignment: Reassignment) -> QuerySet[ReassignedItem]:
    return reassignment.items.select_related("from_user", "to_user").order_by("kind", "object_id")
