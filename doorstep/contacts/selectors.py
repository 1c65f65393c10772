"""Reads for contacts, call-backs, the duty desk, the duty rota and the team board.

Every selector uses a fixed number of queries whatever the number of rows: related records are
joined or prefetched, and a person's current flags come with them so special arrangements can be
shown beside each call-back without a query per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.accounts.roles import READ_ONLY_ROLES, Role
from doorstep.contacts.models import CallBack, CallBackAttempt, CallBackStatus, Contact, DutyShift
from doorstep.core.permissions import can_manage_team, require
from doorstep.core.working_days import add_working_days, end_of_day, is_working_day, local_date
from doorstep.people.arrangements import open_flag_codes
from doorstep.people.models import Person, VulnerabilityFlag
from doorstep.places.models import Home, Team

ROTA_DAYS = 14


class Show:
    """Which call-backs a list shows (the tabs of the call-backs page)."""

    MINE = "mine"
    TEAM = "team"
    OVERDUE = "overdue"
    ALL = "all"

    choices = [
        (MINE, "Mine"),
        (TEAM, "My team's"),
        (OVERDUE, "Overdue"),
        (ALL, "All open"),
    ]


def current_flags_prefetch(prefix: str = "person__") -> Prefetch[Any]:
    """A person's open vulnerability flags as `current_flags` (what arrangements_for reads)."""
    return Prefetch(
        f"{prefix}flags",
        queryset=VulnerabilityFlag.objects.filter(end_date__isnull=True),
        to_attr="current_flags",
    )


def _callback_rows(queryset: QuerySet[CallBack]) -> QuerySet[CallBack]:
    return queryset.select_related(
        "for_officer", "for_team", "for_team__office", "person", "home"
    ).prefetch_related(current_flags_prefetch())


# --- teams -----------------------------------------------------------------------------------


def manageable_teams(*, user: Any) -> QuerySet[Team]:
    """Teams whose rota, board and call-backs `user` runs (mirrors core can_manage_team)."""
    teams = Team.objects.select_related("office")
    if user.is_superuser:
        return teams
    conditions: list[Q] = []
    if user.has_role(Role.TEAM_LEADER):
        conditions.append(Q(leader=user))
        if user.team_id:
            conditions.append(Q(pk=user.team_id))
    if user.has_role(Role.HOUSING_SERVICES_MANAGER):
        conditions.append(Q(office__managers=user))
    if not conditions:
        return teams.none()
    query = conditions[0]
    for condition in conditions[1:]:
        query |= condition
    return teams.filter(query).distinct()


def all_teams() -> QuerySet[Team]:
    return Team.objects.select_related("office")


def team_get(*, pk: int) -> Team:
    return get_object_or_404(Team.objects.select_related("office"), pk=pk)


def team_members(*, team: Team) -> QuerySet[User]:
    return User.objects.filter(team=team, is_active=True).order_by("full_name")


def officer_choices() -> QuerySet[User]:
    """Staff who can be given a call-back: active, and in a role that takes calls."""
    call_roles = [role for role in Role.values if role not in READ_ONLY_ROLES]
    return (
        User.objects.filter(Q(is_superuser=True) | Q(groups__name__in=call_roles), is_active=True)
        .select_related("team", "team__office")
        .distinct()
        .order_by("full_name")
    )


# --- people and homes ------------------------------------------------------------------------


def find_person(*, reference: str) -> Person | None:
    reference = (reference or "").strip()
    if not reference or "\x00" in reference:
        return None  # no reference holds a NUL (and PostgreSQL refuses to compare one)
    return (
        Person.objects.filter(reference__iexact=reference)
        .prefetch_related(current_flags_prefetch(prefix=""))
        .first()
    )


def find_home(*, uprn: str = "", pk: int | None = None) -> Home | None:
    if pk is not None:
        return Home.objects.filter(pk=pk).first()
    uprn = (uprn or "").strip()
    if not uprn or "\x00" in uprn:
        return None
    return Home.objects.filter(uprn=uprn).first()


# --- contacts --------------------------------------------------------------------------------


def contact_get(*, pk: int) -> Contact:
    return get_object_or_404(
        Contact.objects.select_related("logged_by", "logged_by__team", "person", "home"), pk=pk
    )


def contacts_visible_to(*, user: Any) -> QuerySet[Contact]:
    """Contacts `user` may read (see `visible_contacts_q`) with who and what they are about,
    for the API: one query whatever the rows."""
    return Contact.objects.filter(visible_contacts_q(user)).select_related(
        "person", "home", "case", "logged_by"
    )


def contacts_to_follow_up(*, user: Any, today: dt.date) -> QuerySet[Contact]:
    """Contacts `user` logged that are marked for follow-up by `today` and not yet done."""
    return (
        Contact.objects.filter(
            logged_by_id=user.pk, follow_up_on__lte=today, follow_up_done_at__isnull=True
        )
        .select_related("person", "home")
        .annotate(person_flag_codes=open_flag_codes())
        .order_by("follow_up_on", "id")
    )


# --- call-backs ------------------------------------------------------------------------------


def _team_ids_seen_by(user: Any) -> set[int]:
    ids = set(manageable_teams(user=user).values_list("pk", flat=True))
    if user.team_id:
        ids.add(user.team_id)
    return ids


def callbacks_for(
    *, user: Any, filters: dict[str, Any], now: dt.datetime | None = None
) -> QuerySet[CallBack]:
    """Call-backs on `user`'s work queue: their own, their team's, and the teams they lead or
    manage. `filters`: show (mine/team/overdue/all) and status ("" for any)."""
    now = now or timezone.now()
    show = filters.get("show") or Show.MINE
    status = filters.get("status", CallBackStatus.OPEN)
    callbacks = CallBack.objects.all()
    team_q = Q()
    if not user.is_superuser:
        team_ids = _team_ids_seen_by(user)
        team_q = Q(for_team_id__in=team_ids) | Q(for_officer__team_id__in=team_ids)
        callbacks = callbacks.filter(Q(for_officer_id=user.pk) | team_q)
    if show == Show.MINE:
        callbacks = callbacks.filter(for_officer_id=user.pk)
    elif show == Show.TEAM:
        callbacks = callbacks.filter(team_q)
    elif show == Show.OVERDUE:
        callbacks = callbacks.filter(due_at__lt=now)
        status = CallBackStatus.OPEN
    elif show == Show.ALL:
        status = CallBackStatus.OPEN
    if status:
        callbacks = callbacks.filter(status=status)
    return _callback_rows(callbacks.annotate(attempt_count=Count("attempts"))).order_by(
        "due_at", "id"
    )


def callback_get(*, pk: int) -> CallBack:
    """One call-back with everything its page shows. Any signed-in member of staff may read
    a call-back (officers read elsewhere); acting on it is checked by the services."""
    attempts = Prefetch("attempts", queryset=CallBackAttempt.objects.select_related("attempted_by"))
    queryset = CallBack.objects.select_related(
        "for_officer",
        "for_officer__team",
        "for_officer__team__office",
        "for_team",
        "for_team__office",
        "person",
        "home",
        "created_by",
        "completed_by",
        "contact",
    ).prefetch_related(attempts, current_flags_prefetch())
    return get_object_or_404(queryset, pk=pk)


def callbacks_with_attempts(callbacks: QuerySet[CallBack]) -> QuerySet[CallBack]:
    """Call-back rows (from `callbacks_for`, or `_callback_rows`) with who made and closed
    them and every attempt, for the API: a fixed number of queries whatever the rows."""
    attempts = Prefetch("attempts", queryset=CallBackAttempt.objects.select_related("attempted_by"))
    return callbacks.select_related("created_by", "completed_by").prefetch_related(attempts)


def callbacks_readable() -> QuerySet[CallBack]:
    """Every call-back: any signed-in member of staff may read one (as `callback_get`)."""
    return callbacks_with_attempts(_callback_rows(CallBack.objects.all()))


def callbacks_due(*, user: Any, today: dt.date) -> QuerySet[CallBack]:
    """For My day: `user`'s open call-backs due by the end of the next working day, and their
    team's call-backs that no one has picked up yet. A call-back left today is due tomorrow
    (DOMAIN §4), and the officer should see it today to ring back promptly."""
    mine = Q(for_officer_id=user.pk)
    if user.team_id:
        mine |= Q(for_officer__isnull=True, for_team_id=user.team_id)
    horizon = end_of_day(add_working_days(today, 1))
    # The people's flag codes come with the rows (`person_flag_codes`): one query in all.
    return (
        CallBack.objects.filter(mine, status=CallBackStatus.OPEN, due_at__lte=horizon)
        .select_related("for_officer", "for_team", "for_team__office", "person", "home")
        .annotate(person_flag_codes=open_flag_codes())
        .order_by("due_at", "id")
    )


def unassigned_team_callbacks(*, today: dt.date) -> QuerySet[CallBack]:
    """For the duty desk: open call-backs left for a team (not an officer), due by today."""
    return _callback_rows(
        CallBack.objects.filter(
            for_officer__isnull=True,
            for_team__isnull=False,
            status=CallBackStatus.OPEN,
            due_at__lte=end_of_day(today),
        )
    ).order_by("due_at", "id")


# --- duty desk, rota and team board ----------------------------------------------------------


@dataclass(frozen=True)
class DutyToday:
    team: Team
    officer: User | None


def duty_today(*, today: dt.date) -> list[DutyToday]:
    """Who is the duty officer today, for every team (None where no one is set)."""
    shifts = Prefetch(
        "duty_shifts",
        queryset=DutyShift.objects.filter(date=today).select_related("officer"),
        to_attr="shifts_today",
    )
    teams = Team.objects.select_related("office").prefetch_related(shifts)
    return [
        DutyToday(team=team, officer=team.shifts_today[0].officer if team.shifts_today else None)
        for team in teams
    ]


@dataclass(frozen=True)
class RotaDay:
    date: dt.date
    officer: User | None
    working_day: bool


def duty_rota(*, team: Team, start: dt.date, days: int = ROTA_DAYS) -> list[RotaDay]:
    """The team's rota from `start` for `days` days, one row per day."""
    end = start + dt.timedelta(days=days - 1)
    shifts = {
        shift.date: shift.officer
        for shift in DutyShift.objects.filter(team=team, date__range=(start, end)).select_related(
            "officer"
        )
    }
    rota = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        rota.append(RotaDay(date=day, officer=shifts.get(day), working_day=is_working_day(day)))
    return rota


@dataclass(frozen=True)
class OfficerLoad:
    officer: User
    open_count: int
    overdue_count: int


@dataclass(frozen=True)
class TeamBoard:
    team: Team
    overdue: QuerySet[CallBack]
    officers: list[OfficerLoad]
    team_open: int
    team_overdue: int
    duty_officer: User | None


def team_board(*, user: Any, team: Team, now: dt.datetime) -> TeamBoard:
    """Overdue call-backs of the team and its officers, open counts per officer and today's
    duty officer. Only for the team's leader and managers (DOMAIN.md §5: overdue call-backs
    rise to the team leader's board)."""
    require(can_manage_team(user, team), "Only the team leader or a manager can see this board.")
    open_q = Q(callbacks__status=CallBackStatus.OPEN)
    officers = (
        User.objects.filter(team=team, is_active=True)
        .annotate(
            open_count=Count("callbacks", filter=open_q),
            overdue_count=Count("callbacks", filter=open_q & Q(callbacks__due_at__lt=now)),
        )
        .order_by("full_name")
    )
    team_totals = CallBack.objects.filter(
        for_team=team, for_officer__isnull=True, status=CallBackStatus.OPEN
    ).aggregate(open=Count("id"), overdue=Count("id", filter=Q(due_at__lt=now)))
    overdue = _callback_rows(
        CallBack.objects.filter(
            Q(for_team=team) | Q(for_officer__team=team),
            status=CallBackStatus.OPEN,
            due_at__lt=now,
        )
        .annotate(attempt_count=Count("attempts"))
        .order_by("due_at", "id")
    )
    shift = (
        DutyShift.objects.filter(team=team, date=local_date(now)).select_related("officer").first()
    )
    return TeamBoard(
        team=team,
        overdue=overdue,
        officers=[
            OfficerLoad(
                officer=officer,
                open_count=officer.open_count,
                overdue_count=officer.overdue_count,
            )
            for officer in officers
        ],
        team_open=team_totals["open"],
        team_overdue=team_totals["overdue"],
        duty_officer=shift.officer if shift else None,
    )


def visible_contacts_q(user: Any) -> Q:
    """Contacts `user` may read: all of them, except those linked to a restricted case the
    user cannot see (DOMAIN §1) — a contact's summary would disclose the case."""
    from doorstep.cases.permissions import visible_case_q

    visible = visible_case_q(user, prefix="case__")
    return Q(case__isnull=True) | visible if visible else Q()
