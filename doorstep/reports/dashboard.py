"""The team leader's and manager's dashboard: each chart's figures as one or two aggregate
queries, whatever the number of rows (ten queries for the whole page, plus the scope).

Scope (`scope_for`): a team leader sees the teams they lead and their own team; a manager the
teams of the offices they manage. The filters narrow that to one office, one team or one patch
and a date range. What each chart counts:

- caseload by officer and type — open cases of the teams (patch filter: cases on that patch),
  by lead officer, today;
- overdue actions and call-backs — undone case actions due before today on the teams' cases,
  by owner; open call-backs past their due time for the teams or their members, by officer;
- cases opened and closed per month — by `opened_on` and `closed_on` in the date range;
- welfare calls — calls made in the date range in the teams' programmes, by outcome, and the
  people reached (spoke to them: `spoke_ok` or `concern`); the patch filter does not narrow
  them (a programme belongs to a team);
- inspection scores by estate — the average score of inspections completed in the date range
  on the estates of the teams' patches (estates on no patch: those of the scope's offices);
- repairs within target — repairs completed in the date range to homes and communal areas on
  the patches, by priority;
- complaints within the Code timescales — stages responded to in the date range, on the
  teams' cases, within the response clock (with any agreed extension), by stage.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.cases.models import Case, CaseAction, CaseStatus, CaseType
from doorstep.complaints.models import ComplaintStage
from doorstep.contacts.models import CallBack, CallBackStatus
from doorstep.core.working_days import LONDON
from doorstep.inspections.models import Inspection, InspectionStatus
from doorstep.places.models import Office, Patch, Team
from doorstep.repairs.models import Priority, Repair, RepairStatus
from doorstep.reports.tsm import WITHIN_CODE_Q, percentage
from doorstep.welfare.models import REACHED, CallOutcome, WelfareCall

# --- scope and filters -----------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a user's dashboard may show: teams, and the offices and patches of those teams."""

    teams: list[Team]
    patches: list[Patch]

    @property
    def offices(self) -> list[Office]:
        seen: dict[int, Office] = {}
        for team in self.teams:
            seen.setdefault(team.office_id, team.office)
        return sorted(seen.values(), key=lambda o: o.name)

    @property
    def is_empty(self) -> bool:
        return not self.teams


def scope_for(user: Any) -> Scope:
    """Two queries: the teams, then their patches."""
    teams = Team.objects.select_related("office").order_by("office__name", "name")
    if not user.is_superuser:
        q = Q(pk__in=[])
        if user.has_role(Role.TEAM_LEADER):
            q |= Q(leader_id=user.pk)
            if user.team_id:
                q |= Q(pk=user.team_id)
        if user.has_role(Role.HOUSING_SERVICES_MANAGER):
            q |= Q(office__managers=user)
        teams = teams.filter(q).distinct()
    team_list = list(teams)
    patches = list(
        Patch.objects.filter(team_id__in=[t.pk for t in team_list])
        .select_related("team")
        .order_by("name")
    )
    return Scope(teams=team_list, patches=patches)


@dataclass(frozen=True)
class Filters:
    """The chosen part of the scope, as ids every chart filters on."""

    start: dt.date
    end: dt.date
    team_ids: frozenset[int]
    patch_ids: frozenset[int]
    office_ids: frozenset[int]
    patch_id: int | None = None
    narrowed: bool = False  # a team or patch was chosen (not a whole office or all)

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(0, 0), tzinfo=LONDON)

    @property
    def ends_at(self) -> dt.datetime:
        """Midnight after the last day (exclusive)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(0, 0), tzinfo=LONDON)

    @property
    def period_text(self) -> str:
        return f"{self.start.day} {self.start:%B %Y} to {self.end.day} {self.end:%B %Y}"


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last twelve whole months and this month so far: the 1st of the month a year ago
    to today."""
    return dt.date(today.year - 1, today.month, 1), today


def filters_for(
    scope: Scope,
    *,
    start: dt.date,
    end: dt.date,
    office_id: int | None = None,
    team_id: int | None = None,
    patch_id: int | None = None,
) -> Filters:
    """Ids within the scope; the form has already refused anything outside it."""
    teams = scope.teams
    if office_id:
        teams = [t for t in teams if t.office_id == office_id]
    if team_id:
        teams = [t for t in teams if t.pk == team_id]
    team_ids = frozenset(t.pk for t in teams)
    patches = [p for p in scope.patches if p.team_id in team_ids]
    if patch_id:
        patches = [p for p in patches if p.pk == patch_id]
    return Filters(
        start=start,
        end=end,
        team_ids=team_ids,
        patch_ids=frozenset(p.pk for p in patches),
        office_ids=frozenset(t.office_id for t in teams),
        patch_id=patch_id,
        narrowed=bool(team_id or patch_id),
    )


# --- chart data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartData:
    """One chart and the table beside it. `series` are drawn (stacked or side by side); the
    table shows the series and then `extra` columns. `percent` charts run 0-100."""

    key: str
    title: str
    category: str
    series: list[str]
    rows: list[tuple[str, list[Any]]]
    extra: list[str] = field(default_factory=list)
    stacked: bool = False
    percent: bool = False
    note: str = ""
    empty_text: str = "Nothing to show for these filters."

    @property
    def columns(self) -> list[str]:
        total = ["Total"] if self.stacked and len(self.series) > 1 else []
        return [self.category, *self.series, *total, *self.extra]

    def table_rows(self) -> list[list[Any]]:
        out = []
        for label, values in self.rows:
            drawn = values[: len(self.series)]
            rest = values[len(self.series) :]
            total = [sum(drawn)] if self.stacked and len(self.series) > 1 else []
            out.append([label, *drawn, *total, *rest])
        return out


def _half_up(value: Any, places: str = "0.1") -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def caseload(filters: Filters) -> ChartData:
    cases = Case.objects.filter(team_id__in=filters.team_ids).exclude(status=CaseStatus.CLOSED)
    if filters.patch_id:
        cases = cases.filter(patch_id=filters.patch_id)
    counts = (
        cases.order_by()
        .values("lead_officer_id", "lead_officer__full_name", "case_type")
        .annotate(n=Count("id"))
    )
    by_officer: dict[str, dict[str, int]] = defaultdict(dict)
    types: set[str] = set()
    for row in counts:
        name = row["lead_officer__full_name"] or "No lead officer"
        by_officer[name][row["case_type"]] = row["n"]
        types.add(row["case_type"])
    ordered_types = [t for t in CaseType if t in types]
    return ChartData(
        key="caseload",
        title="Open cases by lead officer and type",
        category="Lead officer",
        series=[CaseType(t).label for t in ordered_types],
        rows=[
            (name, [by_officer[name].get(t, 0) for t in ordered_types])
            for name in sorted(by_officer)
        ],
        stacked=True,
        note="Cases open today, restricted cases included (counted, never named).",
    )


def overdue(filters: Filters, *, now: dt.datetime) -> ChartData:
    today = now.astimezone(LONDON).date()
    actions = CaseAction.objects.filter(
        done_at__isnull=True, due_on__lt=today, case__team_id__in=filters.team_ids
    )
    callbacks = CallBack.objects.filter(status=CallBackStatus.OPEN, due_at__lt=now).filter(
        Q(for_team_id__in=filters.team_ids) | Q(for_officer__team_id__in=filters.team_ids)
    )
    if filters.patch_id:
        actions = actions.filter(case__patch_id=filters.patch_id)
        callbacks = callbacks.filter(home__patch_id=filters.patch_id)
    by_person: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in actions.order_by().values("owner__full_name").annotate(n=Count("id")):
        by_person[row["owner__full_name"]][0] += row["n"]
    by_officer = callbacks.order_by().values("for_officer__full_name", "for_team__name")
    for callback_row in by_officer.annotate(n=Count("id")):
        name = (
            callback_row["for_officer__full_name"]
            or f"{callback_row['for_team__name']} (whole team)"
        )
        by_person[name][1] += callback_row["n"]
    return ChartData(
        key="overdue",
        title="Overdue case actions and call-backs",
        category="Officer or team",
        series=["Overdue case actions", "Overdue call-backs"],
        rows=[(name, by_person[name]) for name in sorted(by_person)],
        note="As at now: actions not done and due before today; open call-backs past due.",
        empty_text="Nothing overdue for these filters.",
    )


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def _month_key(value: Any) -> tuple[int, int]:
    return (value.year, value.month)


def cases_by_month(filters: Filters) -> ChartData:
    cases = Case.objects.filter(team_id__in=filters.team_ids)
    if filters.patch_id:
        cases = cases.filter(patch_id=filters.patch_id)
    opened = {
        _month_key(row["month"]): row["n"]
        for row in cases.filter(opened_on__gte=filters.start, opened_on__lte=filters.end)
        .order_by()
        .annotate(month=TruncMonth("opened_on"))
        .values("month")
        .annotate(n=Count("id"))
    }
    closed = {
        _month_key(row["month"]): row["n"]
        for row in cases.filter(closed_on__gte=filters.start, closed_on__lte=filters.end)
        .order_by()
        .annotate(month=TruncMonth("closed_on"))
        .values("month")
        .annotate(n=Count("id"))
    }
    return ChartData(
        key="cases-by-month",
        title="Cases opened and closed each month",
        category="Month",
        series=["Opened", "Closed"],
        rows=[
            (
                f"{month:%b %Y}",
                [opened.get(_month_key(month), 0), closed.get(_month_key(month), 0)],
            )
            for month in _months(filters.start, filters.end)
        ],
        note=f"{filters.period_text}.",
    )


WELFARE_OUTCOMES = [
    CallOutcome.SPOKE_OK,
    CallOutcome.CONCERN,
    CallOutcome.NO_ANSWER,
    CallOutcome.DECLINED,
]


def welfare(filters: Filters) -> ChartData:
    calls = WelfareCall.objects.filter(
        programme__team_id__in=filters.team_ids,
        called_at__gte=filters.starts_at,
        called_at__lt=filters.ends_at,
    ).order_by()
    by_programme: dict[str, list[int]] = defaultdict(lambda: [0] * (len(WELFARE_OUTCOMES) + 1))
    outcomes = [str(o) for o in WELFARE_OUTCOMES]
    for row in calls.values("programme__name", "outcome").annotate(n=Count("id")):
        by_programme[row["programme__name"]][outcomes.index(row["outcome"])] = row["n"]
    reached = calls.values("programme__name").annotate(
        people=Count("person_id", distinct=True, filter=Q(outcome__in=REACHED))
    )
    for reached_row in reached:
        by_programme[reached_row["programme__name"]][-1] = reached_row["people"]
    return ChartData(
        key="welfare",
        title="Welfare calls by outcome",
        category="Programme",
        series=[CallOutcome(o).label for o in WELFARE_OUTCOMES],
        rows=[(name, by_programme[name]) for name in sorted(by_programme)],
        extra=["People reached"],
        stacked=True,
        note=(
            f"Calls made {filters.period_text}. Each programme's coverage report shows who in "
            "its cohort was not called."
        ),
    )


def inspections(filters: Filters) -> ChartData:
    place = Q(estate__patch_id__in=filters.patch_ids)
    if not filters.narrowed:
        place |= Q(estate__patch__isnull=True, estate__office_id__in=filters.office_ids)
    rows = (
        Inspection.objects.filter(
            place,
            status=InspectionStatus.COMPLETED,
            inspected_on__gte=filters.start,
            inspected_on__lte=filters.end,
        )
        .order_by()
        .values("estate__name")
        .annotate(average=Avg("score"), n=Count("id"), scored=Count("score"))
        .order_by("estate__name")
    )
    return ChartData(
        key="inspections",
        title="Average estate inspection score",
        category="Estate",
        series=["Average score (%)"],
        rows=[
            (row["estate__name"], [_half_up(row["average"]) or Decimal("0.0"), row["n"]])
            for row in rows
        ],
        extra=["Inspections"],
        percent=True,
        note=f"Inspections completed {filters.period_text}; score = passes / (passes + fails).",
    )


PRIORITIES = [Priority.EMERGENCY, Priority.URGENT, Priority.ROUTINE, Priority.PLANNED]


def repairs(filters: Filters) -> ChartData:
    ids = filters.patch_ids
    counts = {
        row["priority"]: row
        for row in Repair.objects.filter(
            Q(home__patch_id__in=ids)
            | Q(block__estate__patch_id__in=ids)
            | Q(estate__patch_id__in=ids),
            status=RepairStatus.COMPLETED,
            completed_at__gte=filters.starts_at,
            completed_at__lt=filters.ends_at,
        )
        .order_by()
        .values("priority")
        .annotate(total=Count("id"), within=Count("id", filter=Q(within_target=True)))
    }
    rows = []
    for priority in PRIORITIES:
        row = counts.get(priority)
        if row is None:
            continue
        rows.append(
            (
                Priority(priority).label,
                [percentage(row["within"], row["total"]), row["within"], row["total"]],
            )
        )
    return ChartData(
        key="repairs",
        title="Repairs completed within target",
        category="Priority",
        series=["Within target (%)"],
        rows=rows,
        extra=["Within target", "Completed"],
        percent=True,
        note=f"Repairs completed {filters.period_text}.",
    )


def complaints(filters: Filters) -> ChartData:
    stages = ComplaintStage.objects.filter(
        case__team_id__in=filters.team_ids,
        responded_on__gte=filters.start,
        responded_on__lte=filters.end,
    )
    if filters.patch_id:
        stages = stages.filter(case__patch_id=filters.patch_id)
    counts = {
        row["stage"]: row
        for row in stages.order_by()
        .values("stage")
        .annotate(total=Count("id"), within=Count("id", filter=WITHIN_CODE_Q))
    }
    rows = [
        (
            f"Stage {stage}",
            [
                percentage(counts[stage]["within"], counts[stage]["total"]),
                counts[stage]["within"],
                counts[stage]["total"],
            ],
        )
        for stage in (1, 2)
        if stage in counts
    ]
    return ChartData(
        key="complaints",
        title="Complaints responded to within the Code timescales",
        category="Stage",
        series=["Within the timescale (%)"],
        rows=rows,
        extra=["Within the timescale", "Responded to"],
        percent=True,
        note=(
            f"Responses sent {filters.period_text}; the response clock includes any agreed "
            "extension."
        ),
    )


CHART_KEYS = (
    "caseload",
    "overdue",
    "cases-by-month",
    "welfare",
    "inspections",
    "repairs",
    "complaints",
)


def chart(key: str, filters: Filters, *, now: dt.datetime | None = None) -> ChartData:
    now = now or timezone.now()
    if key == "caseload":
        return caseload(filters)
    if key == "overdue":
        return overdue(filters, now=now)
    if key == "cases-by-month":
        return cases_by_month(filters)
    if key == "welfare":
        return welfare(filters)
    if key == "inspections":
        return inspections(filters)
    if key == "repairs":
        return repairs(filters)
    if key == "complaints":
        return complaints(filters)
    raise KeyError(key)


def all_charts(filters: Filters, *, now: dt.datetime | None = None) -> list[ChartData]:
    return [chart(key, filters, now=now) for key in CHART_KEYS]
